import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { CONTRACT_TYPES, END_REASONS, PAY_COMPONENT_KINDS, type ContractType } from '#vocabulary/hr'
import { labelOf } from '#vocabulary/labels'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import type { TableState } from '#support/table_query'

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

const STAFF = `
  SELECT e.id, e.registry_number, e.surname, e.first_names, e.sex, e.birth_date, e.anonymised_at,
         c.contract_type, c.job_title, j.label AS job_reference, c.site, c.start_date, c.end_date,
         c.part_time_share, (c.end_date IS NULL OR c.end_date >= current_date) AS present
    FROM employees e
    LEFT JOIN LATERAL (SELECT * FROM contracts c WHERE c.employee_id = e.id AND c.superseded_at IS NULL
                       ORDER BY c.start_date DESC LIMIT 1) c ON true
    LEFT JOIN job_references j ON j.id = c.job_reference_id
   WHERE e.organisation_id = ?`

export interface StaffTotals {
  count: number
  present: number
  women: number
  men: number
  /** Full-time equivalents of the employees present (sum of their working-time shares). */
  presentFte: Decimal
}

async function employeeList(organisationId: number, params: EmployeeListParams) {
  const search = params.table?.search ?? ''
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const where = search
    ? `WHERE ${['surname', 'first_names', 'registry_number', 'job_title', 'job_reference', 'site']
        .map((column) => `s.${column} ILIKE ?`)
        .join(' OR ')}`
    : ''
  const bindings = [organisationId, ...(search ? Array(6).fill(like) : [])]
  const order = params.table
    ? `${params.table.column} ${params.table.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, `
    : 's.present DESC, '
  const page = params.limit ? ` LIMIT ${params.limit} OFFSET ${params.offset ?? 0}` : ''
  const result = await db.rawQuery(
    `SELECT * FROM (${STAFF}) s ${where}
      ORDER BY ${order}lower(s.surname), lower(s.first_names), s.id${page}`,
    bindings
  )
  const [sums] = (
    await db.rawQuery(
      `SELECT count(*)::int AS count, count(*) FILTER (WHERE s.present)::int AS present,
              count(*) FILTER (WHERE s.sex = 'F')::int AS women,
              count(*) FILTER (WHERE s.sex = 'H')::int AS men,
              coalesce(sum(s.part_time_share) FILTER (WHERE s.present), 0)::text AS fte
         FROM (${STAFF}) s ${where}`,
      bindings
    )
  ).rows
  const rows = (result.rows as EmployeeRow[]).map((r) => ({
    ...r,
    contract: r.contract_type ? labelOf(CONTRACT_TYPES, r.contract_type) : '',
    present: r.present === true,
  }))
  const totals: StaffTotals = {
    count: sums.count,
    present: sums.present,
    women: sums.women,
    men: sums.men,
    presentFte: toMoney(sums.fte),
  }
  return { rows, totals }
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
