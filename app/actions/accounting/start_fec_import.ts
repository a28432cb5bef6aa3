import { unlink } from 'node:fs/promises'
import type { Tenant } from '#support/request_context'
import type { UploadedFile } from '#support/uploaded_file'
import { startFecImport, storeFecUpload } from '#imports/accounting/fec_runner'

/**
 * Stores an uploaded FEC and starts its import in the background; returns the import's id. The
 * running import owns no transaction of the caller: it writes in its own, after the response.
 */
export default class StartFecImport {
  static async handle(_tenant: Tenant, input: { file: UploadedFile; fiscalYearId: number }) {
    const path = await storeFecUpload(input.file)
    // Once started, the import deletes its file; before that, a failure must not leave it.
    return startFecImport(path, input.fiscalYearId, input.file.clientName).catch(async (error) => {
      await unlink(path).catch(() => {})
      throw error
    })
  }
}
