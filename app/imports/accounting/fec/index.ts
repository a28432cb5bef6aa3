/**
 * The one way into the FEC import: the web upload (`FecImport.start`), `node ace fec:import`
 * (`FecImport.run`) and the bench (`importFec`) all come through here.
 *
 *   format.ts    the FEC's columns, encodings, dates and amounts
 *   lines.ts     the header and each line, parsed and checked
 *   analysis.ts  the one pass: every line checked, handed to the writer while the file has
 *                no error (or checked only, when nothing can be written)
 *   writer.ts    the ledger rows of the pass, streamed with COPY in its one transaction
 *   import.ts    one import from start to end
 *   runner.ts    uploads imported in the background
 */
import db from '@adonisjs/lucid/services/db'
import type { Tenant } from '#support/request_context'
import type { UploadedFile } from '#support/uploaded_file'
import { fecMaxBytes, importFec, type FecImportOptions } from './import.js'
import { startUpload } from './runner.js'

export {
  FEC_IMPORT_KIND,
  fecMaxBytes,
  importFec,
  type FecImportOptions,
  type FecImportResult,
} from './import.js'
export { runningImports, settleOrphan } from './runner.js'
export type { FecProgress } from './progress.js'

export default class FecImport {
  /** An uploaded FEC, imported in the background; returns the import's id at once. */
  static start(tenant: Tenant, input: { file: UploadedFile; fiscalYearId: number }) {
    return startUpload(tenant, input)
  }

  /** A FEC file on disk, imported now for the tenant's organisation. */
  static run(
    tenant: Tenant,
    input: { path: string; fiscalYearId: number; fileName?: string },
    extra: Pick<FecImportOptions, 'onProgress' | 'progressEvery'> = {}
  ) {
    return importFec(input.path, {
      organisationId: tenant.organisationId,
      userId: tenant.userId,
      fiscalYearId: input.fiscalYearId,
      fileName: input.fileName,
      maxBytes: fecMaxBytes(),
      ...extra,
    })
  }

  /** Fiscal year of an organisation named by its year (label, else the calendar year it ends in). */
  static fiscalYearByYear(tenant: Tenant, year: number) {
    return db
      .from('fiscal_years')
      .where('organisation_id', tenant.organisationId)
      .where((query) =>
        query.where('label', String(year)).orWhereRaw('extract(year from end_date) = ?', [year])
      )
      .orderByRaw('(label = ?) DESC', [String(year)])
      .first()
  }
}
