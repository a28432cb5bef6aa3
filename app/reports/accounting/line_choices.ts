import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { PROGRAMME_LEVELS } from '#vocabulary/activity'
import { labelOf } from '#vocabulary/labels'

/** One option of a grouped select: the id travels, the name is read. */
export interface NamedChoice {
  value: number
  label: string
}

/** Options under an <optgroup> label. */
export interface ChoiceGroup {
  label: string
  options: NamedChoice[]
}

export interface LineChoicesResult {
  /** The chart of accounts, for the account field's suggestions (number – label). */
  accounts: Array<{ number: string; label: string }>
  /** Programmes by level (national, regional, own...). */
  programmes: ChoiceGroup[]
  /** Territories under their antenna. */
  territories: ChoiceGroup[]
  /** Conventions under their funder. */
  grants: ChoiceGroup[]
}

function grouped<T extends { group: string }>(rows: T[], option: (row: T) => NamedChoice) {
  const groups = new Map<string, NamedChoice[]>()
  for (const row of rows) {
    if (!groups.has(row.group)) groups.set(row.group, [])
    groups.get(row.group)!.push(option(row))
  }
  return [...groups].map(([label, options]) => ({ label, options }))
}

/**
 * What a ledger line is attributed to, by name: the accounts, programmes (dispositifs),
 * territories and conventions of the organisation, grouped for the entry form and the ledger
 * filters. Forms send the id; the action checks it belongs to the organisation.
 */
export class LineChoices extends Report<{ accounts?: boolean }, LineChoicesResult> {
  async build(): Promise<LineChoicesResult> {
    const org = this.tenant.organisationId
    const accounts =
      this.params.accounts === false
        ? []
        : await db
            .from('accounts')
            .where('organisation_id', org)
            .orderBy('number')
            .select('number', 'label')
    const programmes: Array<{ id: number; name: string; level: string }> = await db
      .from('programmes')
      .where('organisation_id', org)
      .orderBy(['position', 'name'])
      .select('id', 'name', 'level')
    const territories: Array<{ id: number; name: string; antenna: string | null }> = await db
      .from('territories as t')
      .leftJoin('territories as p', 'p.id', 't.parent_id')
      .where('t.organisation_id', org)
      .orderByRaw(
        'coalesce(p.position, t.position), coalesce(p.name, t.name), t.parent_id NULLS FIRST, t.name'
      )
      .select('t.id', 't.name', db.raw('coalesce(p.name, t.name) AS antenna'))
    const grants: Array<{ id: number; reference: string; title: string; funder: string }> = await db
      .from('grants as g')
      .join('funders as f', 'f.id', 'g.funder_id')
      .where('g.organisation_id', org)
      .orderBy(['f.name', 'g.reference'])
      .select('g.id', 'g.reference', 'g.title', 'f.name as funder')
    return {
      accounts,
      programmes: grouped(
        programmes.map((p) => ({ ...p, group: labelOf(PROGRAMME_LEVELS, p.level) })),
        (p) => ({ value: p.id, label: p.name })
      ),
      territories: grouped(
        territories.map((t) => ({ ...t, group: t.antenna ?? 'Autres' })),
        (t) => ({ value: t.id, label: t.name })
      ),
      grants: grouped(
        grants.map((g) => ({ ...g, group: g.funder })),
        (g) => ({ value: g.id, label: `${g.reference} – ${g.title}` })
      ),
    }
  }
}
