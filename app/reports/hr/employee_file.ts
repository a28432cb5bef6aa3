import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { CONTRACT_TYPES, END_REASONS, PAY_COMPONENT_KINDS, type ContractType } from '#vocabulary/hr'
import { labelOf } from '#vocabulary/labels'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import type { TableState } from '#support/table_query'
import { numberedPlaceholders, preparedRows } from '#support/prepared_query'

/** Raw rows (the other columns pass through to the pages and workbooks). */
interface EmployeeRow {
  contract_type: string | null
  end_date: Date | null
  present: boolean
  [column: string]: unknown
}
interface PayComponentRow {
  kind: string
  amount: string
  cancelled_at: Date | null
  cancel_reason: string | null
  [column: string]: unknown
}
interface ContractRow {
  contract_type: string
  end_reason: string | null
  [column: string]: unknown
}

export type EmployeeListRow = Awaited<ReturnType<typeof employeeList>>['rows'][number]
export type EmployeeFileData = Awaited<ReturnType<typeof employeeFile>>

/** The staff list's sortable columns (?tri=), as SQL over the list's rows. */
export const EMPLOYEE_SORTS = {
  presence: 's.present',
  nom: 'lower(s.surname)',
  matricule: 's.registry_number',
  contrat: 's.contract_type',
  emploi: 'lower(s.job_reference)',
  site: 'lower(s.site)',
  debut: 's.start_date',
  fin: 's.end_date',
} as const

export interface EmployeeListParams {
  /** Search (name, first names, registry number, job, job reference, site) and sort. */
  table?: Pick<TableState, 'search' | 'direction'> & { column: string }
  /** A page of rows; every row without it (the workbook). */
  limit?: number
  offset?: number
}

/**
 * Employees with their current (or last) contract, searched and sorted in SQL, with the totals
 * of every employee the search keeps: personal data, hr.personal only.
 */
export class EmployeeList extends Report<
  EmployeeListParams,
  { rows: EmployeeListRow[]; totals: StaffTotals }
> {
  build() {
    return employeeList(this.tenant.organisationId, this.params)
  }
}

/** Everything held about one employee (detail page and GDPR access export). */
export class EmployeeFile extends Report<{ employeeId: number }, EmployeeFileData> {
  build() {
    return employeeFile(this.tenant.organisationId, this.params.employeeId)
  }
}

/**
 * Each employee with their current (or last) contract. The contract is picked once for the
 * organisation (DISTINCT ON over its contracts, then a hash join) rather than by a lateral
 * subquery per employee, which scanned an index and rebuilt the job references' hash for each
 * of them (ADR 12). Contracts in force never overlap (contracts_no_overlap), so the latest start
 * is unique per employee.
 */
const STAFF = `
  SELECT e.id, e.registry_number, e.surname, e.first_names, e.sex, e.birth_date, e.anonymised_at,
         c.contract_type, c.job_title, j.label AS job_reference, c.site, c.start_date, c.end_date,
         c.part_time_share, (c.end_date IS NULL OR c.end_date >= current_date) AS present
    FROM employees e
    LEFT JOIN (SELECT DISTINCT ON (c.employee_id) c.employee_id, c.contract_type, c.job_title,
                      c.job_reference_id, c.site, c.start_date, c.end_date, c.part_time_share
                 FROM contracts c
                WHERE c.organisation_id = ? AND c.superseded_at IS NULL
                ORDER BY c.employee_id, c.start_date DESC) c ON c.employee_id = e.id
    LEFT JOIN job_references j ON j.id = c.job_reference_id
   WHERE e.organisation_id = ?`

/** The totals of every employee the search keeps, over `s` (STAFF). */
const TOTALS = `count(*)::int AS count, count(*) FILTER (WHERE s.present)::int AS present,
  count(*) FILTER (WHERE s.sex = 'F')::int AS women,
  count(*) FILTER (WHERE s.sex = 'H')::int AS men,
  coalesce(sum(s.part_time_share) FILTER (WHERE s.present), 0)::text AS fte`

export interface StaffTotals {
  count: number
  present: number
  women: number
  men: number
  /** Full-time equivalents of the employees present (sum of their working-time shares). */
  presentFte: Decimal
}

interface SumsRow {
  count: number
  present: number
  women: number
  men: number
  fte: string
}

const totalsOf = (sums: SumsRow): StaffTotals => ({
  count: sums.count,
  present: sums.present,
  women: sums.women,
  men: sums.men,
  presentFte: toMoney(sums.fte),
})

/** The totals as window aggregates on each row. */
interface WindowTotals {
  w_count: number
  w_present: number
  w_women: number
  w_men: number
  w_fte: string
}

const NO_EMPLOYEE: SumsRow = { count: 0, present: 0, women: 0, men: 0, fte: '0' }

async function employeeList(organisationId: number, params: EmployeeListParams) {
  const search = params.table?.search ?? ''
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const where = search
    ? `WHERE ${['surname', 'first_names', 'registry_number', 'job_title', 'job_reference', 'site']
        .map((column) => `s.${column} ILIKE ?`)
        .join(' OR ')}`
    : ''
  const bindings: Array<string | number> = [
    organisationId,
    organisationId,
    ...(search ? Array<string>(6).fill(like) : []),
  ]
  const order = params.table
    ? `${params.table.column} ${params.table.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, `
    : 's.present DESC, '
  const offset = params.offset ?? 0
  const page = params.limit ? ' LIMIT ? OFFSET ?' : ''
  const paging = params.limit ? [params.limit, offset] : []
  // The totals ride on every row as window aggregates over the rows the search keeps (computed
  // before LIMIT): the page and its totals in one query. Prepared: a text per sort and search
  // presence, planned once per connection (ADR 12).
  const found = await preparedRows<EmployeeRow & WindowTotals>(
    numberedPlaceholders(`SELECT s.*, (count(*) OVER w)::int AS w_count,
            (count(*) FILTER (WHERE s.present) OVER w)::int AS w_present,
            (count(*) FILTER (WHERE s.sex = 'F') OVER w)::int AS w_women,
            (count(*) FILTER (WHERE s.sex = 'H') OVER w)::int AS w_men,
            (coalesce(sum(s.part_time_share) FILTER (WHERE s.present) OVER w, 0))::text AS w_fte
       FROM (${STAFF}) s ${where}
     WINDOW w AS ()
      ORDER BY ${order}lower(s.surname), lower(s.first_names), s.id${page}`),
    [...bindings, ...paging]
  )
  const first = found[0]
  let sums: SumsRow = first
    ? {
        count: first.w_count,
        present: first.w_present,
        women: first.w_women,
        men: first.w_men,
        fte: first.w_fte,
      }
    : NO_EMPLOYEE
  if (!found.length && offset > 0) {
    // A page past the last: no row carries the totals.
    const { rows } = await db.rawQuery<{ rows: SumsRow[] }>(
      `SELECT ${TOTALS} FROM (${STAFF}) s ${where}`,
      bindings
    )
    sums = rows[0]
  }
  const rows = found.map(({ w_count, w_present, w_women, w_men, w_fte, ...r }) => ({
    ...r,
    contract: r.contract_type ? labelOf(CONTRACT_TYPES, r.contract_type) : '',
    present: r.present === true,
  }))
  return { rows, totals: totalsOf(sums) }
}

async function employeeFile(organisationId: number, employeeId: number) {
  const scoped = (table: string, alias = table) =>
    db
      .from(table)
      .where(`${alias}.organisation_id`, organisationId)
      .where(`${alias}.employee_id`, employeeId)
  const [contracts, salaries, leaves, training, allocations, payComponents] = await Promise.all([
    scoped('contracts as c', 'c')
      .leftJoin('job_references as j', 'j.id', 'c.job_reference_id')
      .select('c.*', 'j.label as job_reference')
      .orderBy('c.start_date'),
    scoped('salary_events').orderBy('effective_date').orderBy('id'),
    scoped('leaves').orderBy('start_date'),
    db
      .from('training_participants as p')
      .join('training_sessions as s', 's.id', 'p.training_session_id')
      .join('training_actions as a', 'a.id', 's.training_action_id')
      .where('p.organisation_id', organisationId)
      .where('p.employee_id', employeeId)
      .select(
        'p.id',
        'p.version',
        'a.title',
        's.start_date',
        's.end_date',
        'p.days',
        'p.hours',
        'p.cancelled_at',
        'p.cancelled_actor',
        'p.cancel_reason',
        db.raw('(s.cancelled_at IS NOT NULL OR a.cancelled_at IS NOT NULL) AS session_cancelled')
      )
      .orderBy('s.start_date'),
    scoped('time_allocations').orderBy('month'),
    scoped('pay_components').orderBy('period_start').orderBy('id'),
  ])
  return {
    contracts: (contracts as ContractRow[]).map((c) => ({
      ...c,
      contract: CONTRACT_TYPES[c.contract_type as ContractType],
      endReason: c.end_reason ? labelOf(END_REASONS, c.end_reason) : null,
    })),
    salaries,
    leaves,
    training,
    allocations,
    payComponents: (payComponents as PayComponentRow[]).map((p) => ({
      ...p,
      amount: toMoney(p.amount),
      kindLabel: labelOf(PAY_COMPONENT_KINDS, p.kind),
      status: p.cancelled_at ? `annulé : ${p.cancel_reason}` : '',
    })),
  }
}
