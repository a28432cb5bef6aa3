import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { FEC_IMPORT_KIND, settleOrphan } from '#imports/accounting/fec/index'
import { LedgerChoices } from '#reports/accounting/fiscal_years'
import { NotFoundError } from '#support/domain_errors'

export interface FecImportRecord {
  id: number
  status: string
  file_name: string
  progress_total: number | string | null
  progress_done: number | string | null
  errors: { count?: number; list?: FecFileError[] } | null
  [column: string]: unknown
}

export interface FecFileError {
  line: number
  field: string
  value: string
  reason: string
}

async function findImport(organisationId: number, id: number): Promise<FecImportRecord> {
  const record = await db
    .from('imports')
    .where({ id, organisation_id: organisationId, kind: FEC_IMPORT_KIND })
    .first()
  // Another organisation's import, or none: not found (404), as every record of another tenant.
  if (!record) throw new NotFoundError('Import introuvable.')
  return record
}

/**
 * Errors of a rejected file; their values are cells of the FEC (auxiliary labels, line labels of
 * payroll) and are hidden from readers without payroll detail.
 */
function fileErrors(record: FecImportRecord, maskPayroll: boolean): FecFileError[] {
  const list = record.errors?.list ?? []
  if (!maskPayroll) return list
  return list.map((error) => ({ ...error, value: error.value ? '(masqué)' : '' }))
}

export interface FecImportErrorsResult {
  record: FecImportRecord
  errors: FecFileError[]
}

/** The errors of one FEC import, masked for readers without payroll detail. */
export class FecImportErrors extends Report<
  { id: number; maskPayroll: boolean },
  FecImportErrorsResult
> {
  async build() {
    const record = await findImport(this.tenant.organisationId, this.params.id)
    return { record, errors: fileErrors(record, this.params.maskPayroll) }
  }
}

export interface FecImportPageResult extends FecImportErrorsResult {
  running: boolean
  percent: number
  counts: { entries: string; lines: string; debit: string }
  errorCount: number
}

/**
 * One FEC import: its progress, what it wrote and its errors. A 'running' import whose task is
 * gone (restart) is settled as rejected first (#imports/accounting/fec/runner).
 */
export class FecImportPage extends Report<
  { id: number; maskPayroll: boolean },
  FecImportPageResult
> {
  async build() {
    const organisationId = this.tenant.organisationId
    let record = await findImport(organisationId, this.params.id)
    if (await settleOrphan(record)) record = await findImport(organisationId, this.params.id)
    const total = Number(record.progress_total ?? 0)
    const percent = total > 0 ? Math.floor((100 * Number(record.progress_done ?? 0)) / total) : 0
    const counts = await db.rawQuery(
      `SELECT count(*) AS entries, (SELECT count(*) FROM entry_lines l JOIN entries e2 ON e2.id = l.entry_id WHERE e2.import_id = ?) AS lines,
              (SELECT coalesce(sum(l.debit), 0)::text FROM entry_lines l JOIN entries e2 ON e2.id = l.entry_id WHERE e2.import_id = ?) AS debit
         FROM entries WHERE import_id = ?`,
      [record.id, record.id, record.id]
    )
    return {
      record,
      running: record.status === 'running',
      percent,
      counts: counts.rows[0],
      errors: fileErrors(record, this.params.maskPayroll),
      errorCount: record.errors?.count ?? 0,
    }
  }
}

export interface FecImportFormResult {
  /** Open fiscal years, the ones a FEC can be imported into. */
  years: Array<{ value: number; label: string }>
  /** The last twenty FEC imports. */
  recent: Array<Record<string, unknown>>
}

/** What the FEC import form shows: the open years and the recent imports. */
export class FecImportForm extends Report<Record<string, never>, FecImportFormResult> {
  async build() {
    const { years } = await new LedgerChoices(this.tenant, {}).build()
    const recent = await db
      .from('imports')
      .where({ organisation_id: this.tenant.organisationId, kind: FEC_IMPORT_KIND })
      .orderBy('id', 'desc')
      .limit(20)
    return {
      years: years.filter((y) => y.status === 'open').map((y) => ({ value: y.id, label: y.label })),
      recent,
    }
  }
}
