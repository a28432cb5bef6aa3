import db from '@adonisjs/lucid/services/db'
import Grant from '#models/grants/grant'
import Funder from '#models/grants/funder'
import { Report } from '#support/report'
import { toMoney } from '#support/money'
import { tableState, type TableState } from '#support/table_query'
import { GRANT_STATUSES, type GrantStatus } from '#vocabulary/grants'
import type { Decimal } from 'decimal.js'

/** The list's sortable columns (?tri=), as SQL over grants. */
export const GRANT_SORTS = {
  reference: 'reference',
  intitule: 'lower(title)',
  financeur: '(SELECT lower(f.name) FROM funders f WHERE f.id = grants.funder_id)',
  debut: 'period_start',
  fin: 'period_end',
  montant: 'amount_awarded',
  statut: 'status',
} as const

/** The list's search, sort and page, parsed once from its query string. */
export function grantListState(qs: Record<string, unknown>) {
  return tableState(qs, GRANT_SORTS, { sort: 'reference' })
}

/** Conventions per page of the list (the workbook has every one the filters keep). */
export const GRANTS_PAGE_SIZE = 50

/**
 * The list's filters (?financeur=&statut=&annee=), parsed once: a funder (its sub-funders
 * included), a status, a calendar year that the convention's period overlaps. A value that is
 * not one of these is ignored, as if absent.
 */
export interface GrantListFilters {
  funderId: number | null
  status: GrantStatus | null
  year: number | null
}

export function grantListFilters(qs: Record<string, unknown>): GrantListFilters {
  const funderId = Number(qs.financeur)
  const year = Number(qs.annee)
  const status =
    typeof qs.statut === 'string' && Object.hasOwn(GRANT_STATUSES, qs.statut) ? qs.statut : null
  return {
    funderId:
      Number.isInteger(funderId) && funderId > 0 && funderId <= 2_147_483_647 ? funderId : null,
    status: status as GrantStatus | null,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
  }
}

/** The filters as query-string values (empty ones left out), for links, sorts and the export. */
export function filterQuery(filters: GrantListFilters, search = '') {
  const entries = {
    financeur: filters.funderId,
    statut: filters.status,
    annee: filters.year,
    q: search || null,
  }
  return Object.fromEntries(
    Object.entries(entries)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => [key, String(value)])
  )
}

export interface GrantListParams {
  filters: GrantListFilters
  table: TableState & { column: string }
  /** A page of conventions (the page); every one the filters keep without it (the workbook). */
  paginate: boolean
}

export interface GrantListTotals {
  count: number
  awarded: Decimal
  /** Receipts not cancelled. */
  received: Decimal
  /** Awarded less received. */
  remaining: Decimal
  /** The conventions' split for the year filtered on (null without a year). */
  yearSplit: Decimal | null
}

export interface GrantListResult {
  filters: GrantListFilters
  /** The filters and the search as a query string's values. */
  query: Record<string, string>
  /** `$extras.received` (and `$extras.year_split` with a year) on each convention. */
  grants: Grant[]
  table: TableState & { column: string }
  /** Over every convention the filters and the search keep (SQL). */
  totals: GrantListTotals
  pager: { page: number; lastPage: number; total: number }
  /** The filter form's choices. */
  funderOptions: Array<{ value: number | ''; label: string }>
  yearOptions: Array<{ value: number | ''; label: string }>
}

const RECEIVED = `(SELECT coalesce(sum(r.amount), 0) FROM grant_receipts r
                    WHERE r.grant_id = grants.id AND r.cancelled_at IS NULL)`
const YEAR_SPLIT = `(SELECT coalesce(sum(y.amount), 0) FROM grant_years y
                      WHERE y.grant_id = grants.id AND y.year = ?)`

/**
 * The conventions: filtered by funder (with its sub-funders), status and year, searched
 * (reference, title, funder), sorted and paged in SQL, with the totals of all those kept:
 * count, awarded, received (cancelled receipts left out), remaining and, for a year, the split.
 */
export class GrantList extends Report<GrantListParams, GrantListResult> {
  async build(): Promise<GrantListResult> {
    const { table, paginate, filters } = this.params
    const query = Grant.query()
    if (filters.status) query.where('status', filters.status)
    if (filters.funderId) {
      query.whereRaw(
        `funder_id IN (WITH RECURSIVE tree AS (
           SELECT f.id FROM funders f WHERE f.id = ? AND f.organisation_id = grants.organisation_id
           UNION SELECT c.id FROM funders c JOIN tree t ON c.parent_id = t.id)
         SELECT id FROM tree)`,
        [filters.funderId]
      )
    }
    if (filters.year) {
      query
        .where('period_start', '<=', `${filters.year}-12-31`)
        .where('period_end', '>=', `${filters.year}-01-01`)
    }
    if (table.search) {
      const like = `%${table.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      query.where((q) =>
        q
          .whereILike('reference', like)
          .orWhereILike('title', like)
          .orWhereRaw('funder_id IN (SELECT f.id FROM funders f WHERE f.name ILIKE ?)', [like])
      )
    }
    const year = filters.year ?? 0
    const [sums] = await query
      .clone()
      .count('* as count')
      .sum('amount_awarded as awarded')
      .select(
        db.raw(`coalesce(sum(${RECEIVED}), 0) AS received`),
        db.raw(`coalesce(sum(${YEAR_SPLIT}), 0) AS year_split`, [year])
      )
    const count = Number(sums.$extras.count)
    const lastPage = Math.max(1, Math.ceil(count / GRANTS_PAGE_SIZE))
    const page = paginate ? Math.min(table.page, lastPage) : 1
    query
      .select('grants.*')
      .select(db.raw(`${RECEIVED} AS received`))
      .select(db.raw(`${YEAR_SPLIT} AS year_split`, [year]))
      .preload('funder')
      .orderByRaw(`${table.column} ${table.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`)
      .orderBy('reference')
    if (paginate) query.forPage(page, GRANTS_PAGE_SIZE)
    const awarded = toMoney(sums.$extras.awarded ?? '0')
    const received = toMoney(sums.$extras.received ?? '0')
    return {
      filters,
      query: filterQuery(filters, table.search),
      grants: await query,
      table: { ...table, page },
      totals: {
        count,
        awarded,
        received,
        remaining: awarded.minus(received),
        yearSplit: filters.year ? toMoney(sums.$extras.year_split ?? '0') : null,
      },
      pager: { page, lastPage: paginate ? lastPage : 1, total: count },
      ...(await this.options()),
    }
  }

  /** Every funder by name; the years the conventions' periods cover, latest first. */
  private async options() {
    const funders = await Funder.query().orderBy('name').select('id', 'name')
    const [span] = await Grant.query().select(
      db.raw('extract(year FROM min(period_start))::int AS first'),
      db.raw('extract(year FROM max(period_end))::int AS last')
    )
    const first = Math.max(Number(span?.$extras.first ?? 0), 2000)
    const last = Math.min(Number(span?.$extras.last ?? 0), 2100)
    const years: number[] = []
    for (let year = last; year >= first; year--) years.push(year)
    return {
      funderOptions: [
        { value: '' as const, label: 'Tous' },
        ...funders.map((f) => ({ value: f.id, label: f.name })),
      ],
      yearOptions: [
        { value: '' as const, label: 'Toutes' },
        ...years.map((y) => ({ value: y, label: String(y) })),
      ],
    }
  }
}
