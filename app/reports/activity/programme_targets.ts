import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { ClientReport } from '#support/report'
import { NotFoundError } from '#support/domain_errors'

/** The activity targets of the conventions funding a programme, summed per indicator. */
export type GrantProposal = {
  indicatorCode: string
  /** Null when no indicator of the catalogue carries the convention's code. */
  indicatorId: number | null
  label: string
  target: Decimal
  /** The conventions the sum comes from (their references). */
  grants: string
}

export type ProgrammeTargetRow = {
  id: number
  indicatorId: number
  indicatorCode: string
  indicator: string
  target: Decimal
  version: number
  /** What the conventions set for the same indicator and year, null when none does. */
  proposed: Decimal | null
}

export interface ProgrammeTargets {
  programme: { id: number; code: string; name: string }
  year: number
  rows: ProgrammeTargetRow[]
  proposals: GrantProposal[]
  /** Proposals with an indicator and no target yet, or a different one: what an import changes. */
  importable: number
  indicators: Array<{ id: number; code: string; label: string }>
}

/**
 * A programme's targets of a year, beside the activity targets of the conventions that fund it
 * (grant_targets of its conventions, cancelled targets and refused or cancelled conventions left
 * out, summed per indicator): the figures an import from the conventions would set.
 */
export class ProgrammeTargetList extends ClientReport<
  { programmeId: number; year: number },
  ProgrammeTargets
> {
  async build() {
    return load(
      this.client ?? db.connection(),
      this.tenant.organisationId,
      this.params.programmeId,
      this.params.year
    )
  }
}

async function load(
  client: QueryClientContract,
  organisationId: number,
  programmeId: number,
  year: number
): Promise<ProgrammeTargets> {
  const programme = await client
    .from('programmes')
    .where({ organisation_id: organisationId, id: programmeId })
    .select('id', 'code', 'name')
    .first()
  if (!programme) throw new NotFoundError('Dispositif inconnu.')
  const [targets, proposalRows, indicators] = await Promise.all([
    client
      .from('programme_targets as t')
      .join('indicators as i', 'i.id', 't.indicator_id')
      .where('t.organisation_id', organisationId)
      .where('t.programme_id', programmeId)
      .where('t.year', year)
      .orderBy('i.position')
      .select('t.id', 't.indicator_id', 'i.code', 'i.label', 't.target', 't.version'),
    client.rawQuery(
      `SELECT gt.indicator_code, i.id AS indicator_id, coalesce(i.label, min(gt.label)) AS label,
              sum(gt.target)::text AS target,
              string_agg(DISTINCT g.reference, ', ') AS grants
         FROM grant_targets gt
         JOIN grants g ON g.id = gt.grant_id AND g.organisation_id = gt.organisation_id
         JOIN grant_programmes gp ON gp.grant_id = gt.grant_id AND gp.organisation_id = gt.organisation_id
         LEFT JOIN indicators i ON i.organisation_id = gt.organisation_id AND i.code = gt.indicator_code
        WHERE gt.organisation_id = ? AND gp.programme_id = ? AND gt.year = ?
          AND gt.cancelled_at IS NULL AND g.status NOT IN ('refused', 'cancelled')
        GROUP BY gt.indicator_code, i.id, i.label
        ORDER BY 3`,
      [organisationId, programmeId, year]
    ),
    client
      .from('indicators')
      .where('organisation_id', organisationId)
      .orderBy('position')
      .select('id', 'code', 'label'),
  ])
  const proposals: GrantProposal[] = (
    proposalRows.rows as Array<{
      indicator_code: string
      indicator_id: number | null
      label: string
      target: string
      grants: string
    }>
  ).map((r) => ({
    indicatorCode: r.indicator_code,
    indicatorId: r.indicator_id,
    label: r.label,
    target: toMoney(r.target),
    grants: r.grants,
  }))
  const proposalOf = (indicatorId: number) =>
    proposals.find((p) => p.indicatorId === indicatorId)?.target ?? null
  const rows: ProgrammeTargetRow[] = targets.map((t) => ({
    id: t.id,
    indicatorId: t.indicator_id,
    indicatorCode: t.code,
    indicator: t.label,
    target: toMoney(t.target),
    version: t.version,
    proposed: proposalOf(t.indicator_id),
  }))
  const importable = proposals.filter((p) => {
    if (p.indicatorId === null) return false
    const row = rows.find((r) => r.indicatorId === p.indicatorId)
    return !row || !row.target.equals(p.target)
  }).length
  return {
    programme: { id: programme.id, code: programme.code, name: programme.name },
    year,
    rows,
    proposals,
    importable,
    indicators,
  }
}
