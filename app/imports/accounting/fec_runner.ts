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
import { actingAs } from '#support/request_context'
import { ledgerActor } from '#actions/accounting/ledger'
import { fecMaxBytes } from '#actions/accounting/import_fec'
import { FEC_IMPORT_KIND, importFec, type FecProgress } from '#imports/accounting/fec_import'

export const runningImports = new Map<number, Promise<void>>()

const FAILED =
  'l’import s’est interrompu sur une erreur inattendue : rien n’a été écrit dans la comptabilité, réessayez ou contactez l’administrateur'
const INTERRUPTED =
  'l’import a été interrompu (redémarrage du serveur) : rien n’a été écrit dans la comptabilité, importez le fichier à nouveau'

/** Moves an uploaded FEC into storage under a generated name; returns its path. */
export async function storeFecUpload(file: UploadedFile) {
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

/** Creates the running import row and starts the import without waiting for it. */
export async function startFecImport(path: string, fiscalYearId: number, fileName: string) {
  const actor = ledgerActor()
  const [row] = await db
    .insertQuery()
    .table('imports')
    .insert({
      organisation_id: actor.organisationId,
      user_id: actor.userId,
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
  // A copy of the actor: the task outlives the request and its HttpContext.
  const task = actingAs({ ...actor }, () => run(id, path, fiscalYearId, fileName)).finally(() =>
    runningImports.delete(id)
  )
  runningImports.set(id, task)
  return id
}

async function run(id: number, path: string, fiscalYearId: number, fileName: string) {
  const actor = ledgerActor()
  const onProgress = async ({ phase, done, total }: FecProgress) => {
    await db
      .from('imports')
      .where({ id, status: 'running' })
      .update({ progress_phase: phase, progress_done: done, progress_total: total })
  }
  try {
    await importFec(path, {
      organisationId: actor.organisationId,
      userId: actor.userId,
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
