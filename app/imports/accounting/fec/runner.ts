/**
 * Background FEC imports: the upload is stored under a generated name, an import row is created
 * with status 'running', and the import runs in this process after the response is sent. Its
 * progress is written to the row (on the default connection, outside the import's transaction)
 * and the import page follows it. `runningImports` holds the tasks of this process: tests await
 * them, and the page recognises a 'running' row with no task as interrupted (server restart).
 */
import { randomUUID } from 'node:crypto'
import { mkdir, stat, unlink } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { UploadedFile } from '#support/uploaded_file'
import { actingAs, type Tenant } from '#support/request_context'
import { FEC_IMPORT_KIND, fecMaxBytes, importFec, type FecImportResult } from './import.js'
import type { FecProgress } from './progress.js'

/** The tasks of this process by import id; each settles with the import's result (null: failed). */
export const runningImports = new Map<number, Promise<FecImportResult | null>>()

const FAILED =
  'l’import s’est interrompu sur une erreur inattendue : rien n’a été écrit dans la comptabilité, réessayez ou contactez l’administrateur'
const INTERRUPTED =
  'l’import a été interrompu (redémarrage du serveur) : rien n’a été écrit dans la comptabilité, importez le fichier à nouveau'

/** Moves an uploaded FEC into storage under a generated name; returns its path. */
async function storeUpload(file: UploadedFile) {
  const dir = app.makePath('storage/imports/fec')
  await mkdir(dir, { recursive: true })
  const name = `${randomUUID()}.fec`
  await file.move(dir, { name, overwrite: false })
  return app.makePath('storage/imports/fec', name)
}

async function markRejected(id: number, fileName: string, reason: string) {
  await db
    .from('imports')
    .where({ id, status: 'running' })
    .update({
      status: 'rejected',
      rows_valid: 0,
      rows_rejected: 1,
      errors: JSON.stringify({
        count: 1,
        list: [{ line: 0, field: 'fichier', value: fileName, reason }],
      }),
    })
}

/**
 * Stores an uploaded FEC, creates its running import row and starts the import without waiting
 * for it; returns the import's id. The import owns its transaction, written after the response.
 */
export async function startUpload(
  tenant: Tenant,
  input: { file: UploadedFile; fiscalYearId: number }
) {
  const path = await storeUpload(input.file)
  const fileName = input.file.clientName
  try {
    const [row] = await db
      .insertQuery()
      .table('imports')
      .insert({
        organisation_id: tenant.organisationId,
        user_id: tenant.userId,
        kind: FEC_IMPORT_KIND,
        file_name: fileName.slice(0, 255),
        sha256: '',
        size_bytes: (await stat(path)).size,
        status: 'running',
        progress_phase: 'vérification',
        progress_done: 0,
        progress_total: 0,
      })
      .returning('id')
    const id = row.id as number
    // A copy of the tenant: the task outlives the request and its HttpContext.
    const task = actingAs({ ...tenant }, () =>
      run(tenant, id, path, input.fiscalYearId, fileName)
    ).finally(() => runningImports.delete(id))
    runningImports.set(id, task)
    return id
  } catch (error) {
    // Once started, the import deletes its file; before that, a failure must not leave it.
    await unlink(path).catch(() => {})
    throw error
  }
}

async function run(
  tenant: Tenant,
  id: number,
  path: string,
  fiscalYearId: number,
  fileName: string
) {
  const onProgress = async ({ phase, done, total }: FecProgress) => {
    await db
      .from('imports')
      .where({ id, status: 'running' })
      .update({ progress_phase: phase, progress_done: done, progress_total: total })
  }
  try {
    return await importFec(path, {
      organisationId: tenant.organisationId,
      userId: tenant.userId,
      fiscalYearId,
      fileName,
      maxBytes: fecMaxBytes(),
      importId: id,
      onProgress,
    })
  } catch (error) {
    logger.error({ err: error, importId: id }, 'FEC import failed')
    await markRejected(id, fileName, FAILED).catch((err) =>
      logger.error({ err, importId: id }, 'FEC import failure not recorded')
    )
    return null
  } finally {
    await unlink(path).catch(() => {})
  }
}

/** A 'running' row without a task in this process was cut short by a restart. */
export async function settleOrphan(record: { id: number; status: string; file_name: string }) {
  if (record.status !== 'running' || runningImports.has(record.id)) return false
  await markRejected(record.id, record.file_name, INTERRUPTED)
  return true
}
