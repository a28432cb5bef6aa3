import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { byLedgerVersion } from '#reports/accounting/ledger_version'
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

const copyGroups = (groups: ChoiceGroup[]) =>
  groups.map((group) => ({
    label: group.label,
    options: group.options.map((option) => ({ ...option })),
  }))

/**
 * What a ledger line is attributed to, by name: the accounts, programmes (dispositifs),
 * territories and conventions of the organisation, grouped for the entry form and the ledger
 * filters. Forms send the id; the action checks it belongs to the organisation.
 */
export class LineChoices extends Report<{ accounts?: boolean }, LineChoicesResult> {
  /**
   * Kept per ledger version: accounts, programmes, territories, conventions and funders all bump
   * it (migrations 9950 and 10090).
   */
  build(): Promise<LineChoicesResult> {
    const org = this.tenant.organisationId
    const accounts = this.params.accounts !== false
    return byLedgerVersion(
      org,
      `line-choices|${accounts}`,
      () => readLineChoices(org, accounts),
      copyLineChoices
    )
  }
}

/** The choices as they are now (LineChoices keeps them per ledger version). */
export async function readLineChoices(
  org: number,
  withAccounts: boolean
): Promise<LineChoicesResult> {
  // One round trip for the four lists (node-pg parses the json columns).
  const { rows } = await db.rawQuery<{
    rows: Array<{
      accounts: Array<{ number: string; label: string }>
      programmes: Array<{ id: number; name: string; level: string }>
      territories: Array<{ id: number; name: string; antenna: string | null }>
      grants: Array<{ id: number; reference: string; title: string; funder: string }>
    }>
  }>(
    `SELECT ${
      !withAccounts
        ? `'[]'::json`
        : `(SELECT coalesce(json_agg(json_build_object('number', number, 'label', label)
                                      ORDER BY number), '[]')
              FROM accounts WHERE organisation_id = :org)`
    } AS accounts,
       (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'level', level)
                                 ORDER BY position, name), '[]')
          FROM programmes WHERE organisation_id = :org) AS programmes,
       (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name,
                                                   'antenna', coalesce(p.name, t.name))
                                 ORDER BY coalesce(p.position, t.position),
                                          coalesce(p.name, t.name), t.parent_id NULLS FIRST,
                                          t.name), '[]')
          FROM territories t LEFT JOIN territories p ON p.id = t.parent_id
         WHERE t.organisation_id = :org) AS territories,
       (SELECT coalesce(json_agg(json_build_object('id', g.id, 'reference', g.reference,
                                                   'title', g.title, 'funder', f.name)
                                 ORDER BY f.name, g.reference), '[]')
          FROM grants g JOIN funders f ON f.id = g.funder_id
         WHERE g.organisation_id = :org) AS grants`,
    { org }
  )
  const { accounts, programmes, territories, grants } = rows[0]
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

/** A reader's own copy of kept choices. */
export function copyLineChoices(choices: LineChoicesResult): LineChoicesResult {
  return {
    accounts: choices.accounts.map((account) => ({ ...account })),
    programmes: copyGroups(choices.programmes),
    territories: copyGroups(choices.territories),
    grants: copyGroups(choices.grants),
  }
}
