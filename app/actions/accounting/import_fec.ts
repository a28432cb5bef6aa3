import db from '@adonisjs/lucid/services/db'
import {
  importFec,
  type FecImportOptions,
  type FecImportResult,
} from '#imports/accounting/fec_import'
import { ledgerActor } from '#actions/accounting/ledger'

/** Size cap of an uploaded FEC, in bytes (FEC_MAX_BYTES, 500 MB by default). */
export function fecMaxBytes() {
  const configured = Number(process.env.FEC_MAX_BYTES)
  return Number.isFinite(configured) && configured > 0 ? configured : 500 * 1024 * 1024
}

/** Imports a FEC file for the acting organisation into the given fiscal year. */
export async function importFecFile(
  path: string,
  fiscalYearId: number,
  fileName?: string,
  extra: Pick<FecImportOptions, 'onProgress' | 'progressEvery'> = {}
): Promise<FecImportResult> {
  const actor = ledgerActor()
  return importFec(path, {
    organisationId: actor.organisationId,
    userId: actor.userId,
    fiscalYearId,
    fileName,
    maxBytes: fecMaxBytes(),
    ...extra,
  })
}

/** Fiscal year of an organisation named by its year (label, else the calendar year it ends in). */
export async function fiscalYearByYear(organisationId: number, year: number) {
  return db
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .where((query) =>
      query.where('label', String(year)).orWhereRaw('extract(year from end_date) = ?', [year])
    )
    .orderByRaw('(label = ?) DESC', [String(year)])
    .first()
}
