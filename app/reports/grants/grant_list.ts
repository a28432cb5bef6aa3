import db from '@adonisjs/lucid/services/db'
import { numberedPlaceholders, preparedRows } from '#support/prepared_query'
import type { Decimal } from 'decimal.js'
import { Report } from '#support/report'
import { moneyOrNull, toMoney, ZERO } from '#support/money'
import { tableState, type TableState } from '#support/table_query'
import { GRANT_STATUSES, type GrantStatus } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

/** The list's sortable columns (?tri=), as SQL over the conventions kept (`k`, see `kept()`). */
export const GRANT_SORTS = {
  reference: 'k.reference',
  intitule: 'lower(k.title)',
  financeur: 'lower(k.funder)',
  debut: 'k.period_start',
  fin: 'k.period_end',
  montant: 'k.amount_awarded',
  statut: 'k.status',
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

/** A convention as the list and its workbook show it. */
export interface GrantListRow {
  id: number
  reference: string
  title: string
  /** The funder's name. */
  funder: string
  /** Calendar days, 'YYYY-MM-DD' (as node-pg reads SQL dates here: config/database.ts). */
  periodStart: string
  periodEnd: string
  amountAwarded: Decimal
  /** Receipts not cancelled. */
  received: Decimal
  cofinancingRate: Decimal | null
  revenueAccount: string | null
  analyticCode: string | null
  status: GrantStatus
  statusLabel: string
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
  grants: GrantListRow[]
  table: TableState & { column: string }
  /** Over every convention the filters and the search keep (SQL). */
  totals: GrantListTotals
  pager: { page: number; lastPage: number; total: number }
  /** The filter form's choices. */
  funderOptions: Array<{ value: number | ''; label: string }>
  yearOptions: Array<{ value: number | ''; label: string }>
}

/** A row of `kept()` with the totals over all of them (window aggregates), as node-pg reads it. */
interface KeptRow {
  id: number
  reference: string
  title: string
  funder: string
  period_start: string
  period_end: string
  amount_awarded: string
  received: string
  cofinancing_rate: string | null
  revenue_account: string | null
  analytic_code: string | null
  status: GrantStatus
  total_count: number
  total_awarded: string
  total_received: string
  total_year_split: string | null
}

type Totals = Pick<KeptRow, 'total_count' | 'total_awarded' | 'total_received' | 'total_year_split'>

/**
 * The conventions the filters and the search keep (`k`), with their funder's name, what they
 * received (cancelled receipts left out) and, for a year filtered on, their split for it.
 */
function kept(organisationId: number, filters: GrantListFilters, search: string) {
  const where = ['g.organisation_id = ?']
  const bindings: Array<string | number> = []
  if (filters.year) bindings.push(filters.year)
  bindings.push(organisationId, organisationId)
  if (filters.status) {
    where.push('g.status = ?')
    bindings.push(filters.status)
  }
  if (filters.funderId) {
    where.push(`g.funder_id IN (WITH RECURSIVE tree AS (
           SELECT f.id FROM funders f WHERE f.id = ? AND f.organisation_id = g.organisation_id
           UNION SELECT c.id FROM funders c JOIN tree t ON c.parent_id = t.id)
         SELECT id FROM tree)`)
    bindings.push(filters.funderId)
  }
  if (filters.year) {
    where.push('g.period_start <= ? AND g.period_end >= ?')
    bindings.push(`${filters.year}-12-31`, `${filters.year}-01-01`)
  }
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    where.push('(g.reference ILIKE ? OR g.title ILIKE ? OR f.name ILIKE ?)')
    bindings.push(like, like, like)
  }
  const yearSplit = filters.year
    ? `(SELECT coalesce(sum(y.amount), 0) FROM grant_years y
         WHERE y.grant_id = g.id AND y.year = ?)`
    : 'NULL::numeric'
  const sql = `SELECT g.id, g.reference, g.title, f.name AS funder, g.period_start, g.period_end,
                      g.amount_awarded, g.cofinancing_rate, g.revenue_account, g.analytic_code,
                      g.status,
                      coalesce(paid.amount, 0) AS received,
                      ${yearSplit} AS year_split
                 FROM grants g
                 JOIN funders f ON f.organisation_id = g.organisation_id AND f.id = g.funder_id
                 -- One pass over the receipts (a subquery per convention ran twice: once for
                 -- the window's totals, once for the page's rows).
                 LEFT JOIN (SELECT r.grant_id, sum(r.amount) AS amount FROM grant_receipts r
                             WHERE r.organisation_id = ? AND r.cancelled_at IS NULL
                             GROUP BY r.grant_id) paid ON paid.grant_id = g.id
                WHERE ${where.join(' AND ')}`
  return { sql, bindings }
}

const TOTALS = `count(*) OVER ()::int AS total_count,
                sum(k.amount_awarded) OVER () AS total_awarded,
                sum(k.received) OVER () AS total_received,
                sum(k.year_split) OVER () AS total_year_split`

/**
 * The conventions: filtered by funder (with its sub-funders), status and year, searched
 * (reference, title, funder), sorted and paged in SQL, with the totals of all those kept:
 * count, awarded, received (cancelled receipts left out), remaining and, for a year, the split.
 * One query reads the page and the totals (window aggregates over every convention kept), plain
 * rows rather than ORM models: hydrating models with date and decimal columns was most of the
 * page's CPU (ADR 12).
 */
export class GrantList extends Report<GrantListParams, GrantListResult> {
  async build(): Promise<GrantListResult> {
    const { table, paginate, filters } = this.params
    const source = kept(this.tenant.organisationId, filters, table.search)
    const order = `${table.column} ${table.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, k.reference`
    const read = async (page: number | null) => {
      const limit = page === null ? '' : ' LIMIT ? OFFSET ?'
      const paging = page === null ? [] : [GRANTS_PAGE_SIZE, (page - 1) * GRANTS_PAGE_SIZE]
      // Prepared: a text per sort and set of filters, planned once per connection (ADR 12).
      return preparedRows<KeptRow>(
        numberedPlaceholders(
          `SELECT k.*, ${TOTALS} FROM (${source.sql}) k ORDER BY ${order}${limit}`
        ),
        [...source.bindings, ...paging]
      )
    }
    let page = paginate ? table.page : 1
    let rows = await read(paginate ? page : null)
    let sums: Totals | undefined = rows[0]
    if (!sums && page > 1) {
      // A page past the last (a search narrowed the list): the last page instead.
      sums = await this.totals(source)
      page = Math.max(1, Math.ceil(sums.total_count / GRANTS_PAGE_SIZE))
      if (sums.total_count > 0) rows = await read(page)
    }
    const count = sums?.total_count ?? 0
    const lastPage = Math.max(1, Math.ceil(count / GRANTS_PAGE_SIZE))
    const awarded = sums ? toMoney(sums.total_awarded) : ZERO
    const received = sums ? toMoney(sums.total_received) : ZERO
    return {
      filters,
      query: filterQuery(filters, table.search),
      grants: rows.map(listRow),
      table: { ...table, page },
      totals: {
        count,
        awarded,
        received,
        remaining: awarded.minus(received),
        yearSplit: filters.year ? toMoney(sums?.total_year_split ?? '0') : null,
      },
      pager: { page, lastPage: paginate ? lastPage : 1, total: count },
      ...(await this.options()),
    }
  }

  private async totals(source: { sql: string; bindings: Array<string | number> }) {
    const { rows } = await db.rawQuery<{ rows: Totals[] }>(
      `SELECT count(*)::int AS total_count, coalesce(sum(k.amount_awarded), 0) AS total_awarded,
              coalesce(sum(k.received), 0) AS total_received,
              coalesce(sum(k.year_split), 0) AS total_year_split
         FROM (${source.sql}) k`,
      source.bindings
    )
    return rows[0]
  }

  /**
   * Every funder by name; the years the conventions' periods cover, latest first. One query:
   * the span of years, with the funders joined to it (none: one row without a funder).
   */
  private async options() {
    const organisationId = this.tenant.organisationId
    const rows = await preparedRows<{
      id: number | null
      name: string | null
      first: number | null
      last: number | null
    }>(
      `SELECT f.id, f.name, span.first, span.last
         FROM (SELECT extract(year FROM min(period_start))::int AS first,
                      extract(year FROM max(period_end))::int AS last
                 FROM grants WHERE organisation_id = $1) span
         LEFT JOIN funders f ON f.organisation_id = $1
        ORDER BY f.name`,
      [organisationId]
    )
    const first = Math.max(Number(rows[0]?.first ?? 0), 2000)
    const last = Math.min(Number(rows[0]?.last ?? 0), 2100)
    const years: number[] = []
    for (let year = last; year >= first; year--) years.push(year)
    return {
      funderOptions: [
        { value: '' as const, label: 'Tous' },
        ...rows
          .filter((f) => f.id !== null)
          .map((f) => ({ value: f.id as number, label: f.name as string })),
      ],
      yearOptions: [
        { value: '' as const, label: 'Toutes' },
        ...years.map((y) => ({ value: y, label: String(y) })),
      ],
    }
  }
}

function listRow(row: KeptRow): GrantListRow {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    funder: row.funder,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    amountAwarded: toMoney(row.amount_awarded),
    received: toMoney(row.received),
    cofinancingRate: moneyOrNull(row.cofinancing_rate),
    revenueAccount: row.revenue_account,
    analyticCode: row.analytic_code,
    status: row.status,
    statusLabel: labelOf(GRANT_STATUSES, row.status),
  }
}
