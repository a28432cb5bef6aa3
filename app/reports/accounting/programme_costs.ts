import type { Decimal } from 'decimal.js'
import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { sumMoney, toMoney, ZERO } from '#support/money'
import { OPENING_JOURNALS } from '#reports/accounting/trial_balance'
import { OVERHEAD_KEYS, type OverheadKey } from '#vocabulary/accounting'
import { labelOf } from '#vocabulary/labels'
import { staffCostMasks } from '#reports/hr/staff_cost_privacy'

/**
 * One programme's full cost: its direct charges plus its share of the overheads. Null figures
 * are reserved: the programme's pay lines are those of fewer than three people and the reader
 * has no pay detail (staff_cost_privacy).
 */
export interface ProgrammeCostRow {
  programmeId: number
  code: string
  name: string
  /** Charges (class 6, debit − credit) on lines carrying the programme. */
  direct: Decimal | null
  /** The programme's value for the key: FTE (year average), direct costs or revenue (€). */
  weight: Decimal | null
  /** weight / sum of the weights (0 to 1), what the programme takes of the overheads. */
  share: number | null
  overheads: Decimal | null
  total: Decimal | null
}

export interface ProgrammeCosts {
  year: number
  fiscalYear: { id: number; label: string; startDate: string; endDate: string } | null
  key: OverheadKey
  keyLabel: string
  /** The key saved for the fiscal year (and its version, for the form), null when none is. */
  saved: { key: OverheadKey; version: number } | null
  /** Where the key comes from: asked for a look (?cle=), saved for the year, or FTE by default. */
  keySource: 'query' | 'saved' | 'default'
  rows: ProgrammeCostRow[]
  /** Null when reserved: the totals would give back the reserved rows (staff_cost_privacy). */
  totals: {
    direct: Decimal
    /** Charges on lines without a programme (overheads), all of them. */
    overheads: Decimal
    /** Overheads the key could not spread (no programme has a positive value for it). */
    unspread: Decimal
    weight: Decimal
    total: Decimal
    /** All charges (class 6) of the year: total + unspread. */
    charges: Decimal
  } | null
}

/** Charges and revenue of the year's validated entries per programme (null: no programme). */
const SQL_BY_PROGRAMME = `
  SELECT l.programme_id,
         coalesce(sum(l.debit - l.credit) FILTER (WHERE l.account_number LIKE '6%'), 0)::text AS charges,
         coalesce(sum(l.credit - l.debit) FILTER (WHERE l.account_number LIKE '7%'), 0)::text AS revenue
    FROM entry_lines l JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
   WHERE l.organisation_id = ? AND e.fiscal_year_id = ? AND e.status = 'validated'
     AND j.code <> ALL(?::text[])
   GROUP BY l.programme_id`

/** Staff time per programme over the fiscal year, in FTE (FTE-months / 12). */
const SQL_FTE_BY_PROGRAMME = `
  SELECT programme_id, (sum(share) / 12)::text AS fte
    FROM time_allocations
   WHERE organisation_id = ? AND month BETWEEN date_trunc('month', ?::date)::date AND ?::date
   GROUP BY programme_id`

/** The people (ledger auxiliaries) whose pay lines (641, 645) carry each programme. */
const SQL_PAID_PEOPLE = `
  SELECT l.programme_id, array_agg(DISTINCT l.aux_number) AS people
    FROM entry_lines l JOIN entries e ON e.id = l.entry_id
   WHERE l.organisation_id = ? AND e.fiscal_year_id = ? AND e.status = 'validated'
     AND l.programme_id IS NOT NULL AND l.aux_number IS NOT NULL
     AND (l.account_number LIKE '641%' OR l.account_number LIKE '645%')
   GROUP BY l.programme_id`

/**
 * Cost per programme of a fiscal year: the direct costs (charges on ledger lines carrying the
 * programme) plus the overheads (charges on lines without a programme) spread by the key chosen
 * for the year: staff time allocated (FTE), direct costs or revenue on lines carrying the
 * programme; the key is the one saved for the fiscal year unless another is asked for a look
 * (FTE when none is saved). The spread is rounded to the cent by largest remainder, so the programmes' full
 * costs add up to the year's charges exactly (the overheads left unspread, when no programme
 * has a positive value for the key, are shown apart).
 */
export class ProgrammeCostReport extends Report<
  { year: number; key: OverheadKey | null },
  ProgrammeCosts
> {
  async build(): Promise<ProgrammeCosts> {
    const { year } = this.params
    const organisationId = this.tenant.organisationId
    const fiscalYear = await db
      .from('fiscal_years')
      .where('organisation_id', organisationId)
      .whereRaw('extract(year FROM end_date) = ?', [year])
      .orderBy('end_date', 'desc')
      .select('id', 'label', db.raw('start_date::text AS start'), db.raw('end_date::text AS end'))
      .first()
    const savedRow = fiscalYear
      ? await db
          .from('programme_cost_keys')
          .where({ organisation_id: organisationId, fiscal_year_id: fiscalYear.id })
          .select('overhead_key', 'version')
          .first()
      : null
    const saved = savedRow
      ? { key: savedRow.overhead_key as OverheadKey, version: savedRow.version as number }
      : null
    const key = this.params.key ?? saved?.key ?? 'etp'
    const keySource = this.params.key ? 'query' : saved ? 'saved' : 'default'
    const keyLabel = labelOf(OVERHEAD_KEYS, key)
    if (!fiscalYear) return empty(year, key, keyLabel)
    const amounts = new Map<number | null, { charges: Decimal; revenue: Decimal }>()
    for (const row of (
      await db.rawQuery(SQL_BY_PROGRAMME, [organisationId, fiscalYear.id, OPENING_JOURNALS])
    ).rows) {
      amounts.set(row.programme_id, {
        charges: toMoney(row.charges),
        revenue: toMoney(row.revenue),
      })
    }
    const fte = new Map<number, Decimal>()
    if (key === 'etp') {
      for (const row of (
        await db.rawQuery(SQL_FTE_BY_PROGRAMME, [organisationId, fiscalYear.start, fiscalYear.end])
      ).rows) {
        fte.set(row.programme_id, toMoney(row.fte))
      }
    }
    const programmes = await db
      .from('programmes')
      .where('organisation_id', organisationId)
      .orderBy('position')
      .orderBy('id')
      .select('id', 'code', 'name')
    const overheads = amounts.get(null)?.charges ?? ZERO
    const weightOf = (id: number) => {
      const own = amounts.get(id)
      if (key === 'etp') return fte.get(id) ?? ZERO
      return (key === 'produits' ? own?.revenue : own?.charges) ?? ZERO
    }
    const kept = programmes
      .map((p) => ({
        programmeId: p.id as number,
        code: p.code as string,
        name: p.name as string,
        direct: amounts.get(p.id)?.charges ?? ZERO,
        weight: weightOf(p.id),
      }))
      .filter((p) => !p.direct.isZero() || !p.weight.isZero())
    // Negative values (a refund larger than the costs) take no share.
    const weights = kept.map((p) => (p.weight.gt(0) ? p.weight : ZERO))
    const weightTotal = sumMoney(weights)
    const spread = spreadByWeights(overheads, weights)
    const rows = kept.map((p, i) => ({
      ...p,
      share: weightTotal.gt(0) ? weights[i].div(weightTotal).toNumber() : 0,
      overheads: spread[i],
      total: p.direct.plus(spread[i]),
    }))
    const direct = sumMoney(rows.map((r) => r.direct))
    const spreadTotal = sumMoney(spread)
    // A programme's pay lines of fewer than three people are one person's pay: reserved, with
    // what they can be read back from (the key when it is the direct costs, and the totals).
    const people = new Map<number, string[]>(
      (await db.rawQuery(SQL_PAID_PEOPLE, [organisationId, fiscalYear.id])).rows.map(
        (r: { programme_id: number; people: string[] }) => [r.programme_id, r.people]
      )
    )
    const masks = staffCostMasks(
      this.tenant,
      rows.map((r) => people.get(r.programmeId) ?? [])
    )
    const byDirect = key === 'couts_directs'
    const shown = rows.map((row, i) =>
      masks.lines[i]
        ? {
            ...row,
            direct: null,
            total: null,
            ...(byDirect || masks.total ? { weight: null, share: null, overheads: null } : {}),
          }
        : row
    )
    return {
      year,
      fiscalYear: {
        id: fiscalYear.id,
        label: fiscalYear.label,
        startDate: fiscalYear.start,
        endDate: fiscalYear.end,
      },
      key,
      keyLabel,
      saved,
      keySource,
      rows: shown,
      totals: masks.total
        ? null
        : {
            direct,
            overheads,
            unspread: overheads.minus(spreadTotal),
            weight: weightTotal,
            total: direct.plus(spreadTotal),
            charges: sumMoney([...amounts.values()].map((a) => a.charges)),
          },
    }
  }
}

function empty(year: number, key: OverheadKey, keyLabel: string): ProgrammeCosts {
  return {
    year,
    fiscalYear: null,
    key,
    keyLabel,
    saved: null,
    keySource: 'default',
    rows: [],
    totals: {
      direct: ZERO,
      overheads: ZERO,
      unspread: ZERO,
      weight: ZERO,
      total: ZERO,
      charges: ZERO,
    },
  }
}

/**
 * `amount` split in proportion to `weights` (non-negative), to the cent, by largest remainder:
 * the parts add up to `amount` exactly. All zeros when the weights add up to zero.
 */
export function spreadByWeights(amount: Decimal, weights: Decimal[]): Decimal[] {
  const total = sumMoney(weights)
  if (!total.gt(0)) return weights.map(() => ZERO)
  const cents = amount.times(100).toDecimalPlaces(0)
  const exact = weights.map((w) => cents.times(w).div(total))
  const floors = exact.map((e) => e.floor())
  let left = cents.minus(sumMoney(floors)).toNumber()
  const order = exact
    .map((e, i) => ({ i, fraction: e.minus(floors[i]) }))
    .sort((a, b) => b.fraction.comparedTo(a.fraction) || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0) break
    floors[i] = floors[i].plus(1)
    left--
  }
  return floors.map((f) => f.div(100))
}
