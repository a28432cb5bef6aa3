import { RuleError } from '#support/domain_errors'
import type { PageLink } from '#support/page_link'
/**
 * The shared import pipeline: every spreadsheet import (staff list, activity volumes,
 * referential, budget...) goes through it.
 *
 *   upload -> inspect (size, type, zip bomb) -> read every row -> validate every row
 *          -> preview (errors with line, column, value, reason; first rows)
 *          -> commit: re-read and re-validate, then write everything in ONE transaction.
 *
 * A domain declares an ImportDefinition and registers it in app/imports/registry.ts; the
 * generic screens (/imports/:kind) and `importFile` (commands, seeders, tests) do the rest.
 * Each import is recorded (who, when, file name, SHA-256, counts, status) and a file already
 * committed once is flagged before it is committed again.
 *
 * Once the transaction has committed, the reconciliation of the years the import touched runs
 * for the organisation (`reconcileYears`, or the years read from the rows: see yearsTouched in
 * app/reconciliation/after_import.ts). It never undoes the import: a failure is logged and shown
 * in the summary.
 *
 * An import may apply to one record chosen on screen (the budget whose amounts are imported...):
 * the generic screens carry it as `?cible=<value>` into `ImportContext.target`, on preview and on
 * commit; the definition's `prepare` checks it (it exists, belongs to the organisation, can be
 * changed) and may name it in `context.targetLabel`. Definitions that do not use it ignore it.
 *
 * The copy kept between preview and commit is deleted once committed, and a preview not
 * committed within PREVIEW_TTL_HOURS expires with it (`purgeExpiredPreviews`, run at each
 * preview and at server start): HR files do not linger on disk.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import ImportRecord from '#models/core/import_record'
import type { Permission } from '#policies/role_matrix'
import { recordEvent, type AuditDomain } from '#support/audit'
import { inspectUpload, readRows, SpreadsheetError, readText } from '#support/spreadsheet/reader'
import { actingAs, type Actor } from '#support/request_context'
import {
  RowReader,
  normaliseHeader,
  type ImportColumn,
  type ImportIssue,
} from '#imports/core/row_reader'

export { RowReader, type ImportColumn, type ImportIssue }

export interface ImportContext {
  organisationId: number
  userId: number | null
  /** The import being committed (null while previewing). */
  importRecord: { id: number; fileName: string } | null
  /** The record the import applies to, chosen on screen (`?cible=`); null for most kinds. */
  target: string | null
  /** Set by `prepare` to name the target on the screens. */
  targetLabel?: string
  /** Filled by `prepare` (reference codes, existing rows) and read by the row checks. */
  data: Record<string, unknown>
}

export interface ImportDefinition<Row> {
  kind: string
  label: string
  domain: AuditDomain
  permission: Permission
  columns: ImportColumn[]
  /** The page to show once committed (a function of the target for targeted imports). */
  redirectTo?: PageLink | ((target: string | null) => PageLink)
  sheetName?: string
  maxRows?: number
  maxBytes?: number
  /** Load what the row checks need (known codes...) before reading the file. */
  prepare?(context: ImportContext, client: TransactionClientContract | typeof db): Promise<void>
  /** One row: return the typed row, or null after recording issues with `reader.fail`. */
  parseRow(reader: RowReader, context: ImportContext): Row | null
  /** Checks across rows (duplicates, overlaps, totals). */
  checkAll?(rows: Array<{ line: number; row: Row }>, context: ImportContext): ImportIssue[]
  /** Writes every row; runs inside the import's transaction. Returns a French summary. */
  commit(rows: Row[], trx: TransactionClientContract, context: ImportContext): Promise<string>
  /**
   * Years to reconcile once the import is committed; [] for none. Without it, the years the
   * rows touch (their `year` field or their dates, the three most recent) are reconciled.
   */
  reconcileYears?(rows: Row[], context: ImportContext): number[]
}

export interface ImportOutcome<Row> {
  record: ImportRecord
  issues: ImportIssue[]
  rows: Row[]
  previous: ImportRecord | null
  summary: string | null
  target: string | null
  targetLabel: string | null
}

const MAX_ISSUES = 1000
const DEFAULT_MAX_ROWS = 50_000
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

/** A preview not committed within this delay expires, and its stored copy is deleted. */
export const PREVIEW_TTL_HOURS = 24

const EXPIRED_ISSUE = 'aperçu expiré : il n’a pas été validé dans les 24 heures'

const storageDir = () => app.makePath('storage/imports')

function storedPath(record: { id: number; sha256: string }) {
  return join(storageDir(), `${record.id}-${record.sha256}.bin`)
}

function isExpiredIssue(errors: unknown) {
  const issues = typeof errors === 'string' ? JSON.parse(errors) : errors
  return Array.isArray(issues) && issues[0]?.message === EXPIRED_ISSUE
}

/**
 * Previews older than PREVIEW_TTL_HOURS become 'rejected' (reason: expired) and lose their
 * stored copy; stored copies older than that whose preview is gone are deleted too. Every
 * organisation: it runs at server start and before each preview. Returns the expired count.
 */
export async function purgeExpiredPreviews(now: DateTime = DateTime.now()) {
  const cutoff = now.minus({ hours: PREVIEW_TTL_HOURS })
  const expired: Array<{ id: number; sha256: string }> = await db
    .from('imports')
    .where('status', 'previewed')
    .where('created_at', '<', cutoff.toJSDate())
    .select('id', 'sha256')
  for (const row of expired) {
    await db
      .from('imports')
      .where({ id: row.id, status: 'previewed' })
      .update({
        status: 'rejected',
        errors: JSON.stringify([{ line: null, column: null, value: null, message: EXPIRED_ISSUE }]),
      })
    await rm(storedPath(row), { force: true })
  }
  const names = await readdir(storageDir()).catch(() => [] as string[])
  for (const name of names.filter((n) => n.endsWith('.bin'))) {
    const path = join(storageDir(), name)
    const info = await stat(path).catch(() => null)
    if (info?.isFile() && info.mtimeMs < cutoff.toMillis()) await rm(path, { force: true })
  }
  return expired.length
}

async function sha256(path: string) {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk)
  return hash.digest('hex')
}

/** Reads and validates the whole file. Never writes domain data. */
async function analyse<Row>(
  definition: ImportDefinition<Row>,
  path: string,
  context: ImportContext
) {
  const issues: ImportIssue[] = []
  const rows: Array<{ line: number; row: Row }> = []
  let total = 0
  try {
    const { kind } = await inspectUpload(path, {
      maxBytes: definition.maxBytes ?? DEFAULT_MAX_BYTES,
    })
    await definition.prepare?.(context, db)
    let positions: Map<string, number> | null = null
    const columns = new Map(definition.columns.map((column) => [column.key, column]))
    for await (const row of readRows(path, {
      kind,
      maxRows: (definition.maxRows ?? DEFAULT_MAX_ROWS) + 1,
      maxColumns: Math.max(definition.columns.length + 20, 50),
      sheetName: definition.sheetName,
    })) {
      if (!positions) {
        positions = headerPositions(
          definition.columns,
          row.cells.map((_, i) => readText(row, i))
        )
        const missing = definition.columns.filter((c) => c.required && !positions!.has(c.key))
        for (const column of missing) {
          issues.push({
            line: row.line,
            column: column.header,
            value: null,
            message: 'colonne obligatoire absente de la ligne d’en-tête',
          })
        }
        if (missing.length) break
        continue
      }
      total++
      const reader = new RowReader(row, positions, columns)
      const parsed = definition.parseRow(reader, context)
      if (reader.issues.length || parsed === null) {
        issues.push(
          ...(reader.issues.length
            ? reader.issues
            : [{ line: row.line, column: null, value: null, message: 'ligne refusée' }])
        )
      } else {
        rows.push({ line: row.line, row: parsed })
      }
      if (issues.length >= MAX_ISSUES) break
    }
    if (!positions)
      issues.push({
        line: null,
        column: null,
        value: null,
        message: 'le fichier ne contient aucune ligne',
      })
    else if (total === 0 && issues.length === 0) {
      issues.push({
        line: null,
        column: null,
        value: null,
        message: 'le fichier ne contient aucune ligne de données',
      })
    }
    if (issues.length === 0 && definition.checkAll)
      issues.push(...definition.checkAll(rows, context))
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error
    issues.push({
      line: error.line ?? null,
      column: error.column ? String(error.column) : null,
      value: error.value ?? null,
      message: error.reason,
    })
  }
  return { issues: issues.slice(0, MAX_ISSUES), rows, total }
}

function headerPositions(columns: ImportColumn[], headers: Array<string | null>) {
  const byName = new Map<string, number>()
  headers.forEach((header, index) => {
    if (header) byName.set(normaliseHeader(header), index)
  })
  const positions = new Map<string, number>()
  for (const column of columns) {
    for (const name of [column.header, column.key, ...(column.aliases ?? [])]) {
      const index = byName.get(normaliseHeader(name))
      if (index !== undefined) {
        positions.set(column.key, index)
        break
      }
    }
  }
  return positions
}

function contextFor(
  actor: Actor,
  target: string | null,
  record: ImportRecord | null = null
): ImportContext {
  return {
    organisationId: actor.organisationId,
    userId: actor.userId,
    importRecord: record ? { id: record.id, fileName: record.fileName } : null,
    target,
    data: {},
  }
}

/**
 * Step 1: keep a copy of the upload under a generated name, validate it, record the import
 * as 'previewed' (or 'rejected').
 */
export async function previewImport<Row>(
  definition: ImportDefinition<Row>,
  upload: { path: string; fileName: string },
  actor: Actor,
  target: string | null = null
): Promise<ImportOutcome<Row>> {
  await purgeExpiredPreviews().catch((error) =>
    logger.error({ err: error }, 'expired import previews not purged')
  )
  return actingAs(actor, async () => {
    const { size } = await stat(upload.path)
    const hash = await sha256(upload.path)
    const context = contextFor(actor, target)
    const { issues, rows, total } = await analyse(definition, upload.path, context)
    const previous = await ImportRecord.query()
      .where('kind', definition.kind)
      .where('sha256', hash)
      .where('status', 'committed')
      .orderBy('id', 'desc')
      .first()
    const record = await ImportRecord.create({
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: definition.kind,
      fileName: upload.fileName.slice(0, 255),
      sha256: hash,
      sizeBytes: size,
      status: issues.length ? 'rejected' : 'previewed',
      rowsTotal: total,
      rowsValid: rows.length,
      rowsRejected: total - rows.length,
      errors: issues.length ? JSON.stringify(issues) : null,
    })
    if (!issues.length) {
      await mkdir(storageDir(), { recursive: true })
      await copyFile(upload.path, storedPath(record)).catch(async (error) => {
        await rm(storedPath(record), { force: true })
        throw error
      })
    }
    return {
      record,
      issues,
      rows: rows.map((r) => r.row),
      previous: previous ?? null,
      summary: null,
      target,
      targetLabel: context.targetLabel ?? null,
    }
  })
}

/** Step 2: re-read and re-validate the stored file, then write it all in one transaction. */
export async function commitImport<Row>(
  definition: ImportDefinition<Row>,
  importId: number,
  actor: Actor,
  target: string | null = null
): Promise<ImportOutcome<Row>> {
  return actingAs(actor, async () => {
    const record = await ImportRecord.query()
      .where('id', importId)
      .where('kind', definition.kind)
      .firstOrFail()
    const expired =
      (record.status === 'previewed' &&
        record.createdAt < DateTime.now().minus({ hours: PREVIEW_TTL_HOURS })) ||
      (record.status === 'rejected' && isExpiredIssue(record.errors))
    if (expired) {
      await purgeExpiredPreviews()
      throw new ImportStateError(
        'Cet aperçu a expiré (plus de 24 heures sans validation) : déposez le fichier à nouveau.'
      )
    }
    if (record.status !== 'previewed') {
      throw new ImportStateError(
        record.status === 'committed'
          ? 'Cet import a déjà été enregistré.'
          : 'Cet import a été refusé : corrigez le fichier et déposez-le à nouveau.'
      )
    }
    const path = storedPath(record)
    const context = contextFor(actor, target, record)
    const { issues, rows } = await analyse(definition, path, context)
    if (issues.length) {
      record.merge({ status: 'rejected', errors: JSON.stringify(issues) })
      await record.save()
      return {
        record,
        issues,
        rows: [],
        previous: null,
        summary: null,
        target,
        targetLabel: context.targetLabel ?? null,
      }
    }
    const summary = await db.transaction(async (trx) => {
      const locked = await ImportRecord.query({ client: trx })
        .where('id', record.id)
        .forUpdate()
        .firstOrFail()
      if (locked.status !== 'previewed')
        throw new ImportStateError('Cet import a déjà été enregistré.')
      const text = await definition.commit(
        rows.map((r) => r.row),
        trx,
        context
      )
      // Deferred checks run now: an error raised at COMMIT would be lost by knex.
      await trx.rawQuery('SET CONSTRAINTS ALL IMMEDIATE')
      locked.useTransaction(trx)
      locked.merge({ status: 'committed', committedAt: DateTime.now() })
      await locked.save()
      await recordEvent({
        domain: definition.domain,
        action: 'import',
        subjectType: 'imports',
        subjectId: record.id,
        summary: `${definition.label} : ${record.fileName} — ${text}`,
        after: { kind: definition.kind, sha256: record.sha256, rows: rows.length },
        trx,
      })
      return text
    })
    await rm(path, { force: true })
    await record.refresh()
    const committed = rows.map((r) => r.row)
    const reconciliation = await reconcileCommitted(definition, committed, context)
    return {
      record,
      issues: [],
      rows: committed,
      previous: null,
      summary: reconciliation ? `${summary} ; ${reconciliation}` : summary,
      target,
      targetLabel: context.targetLabel ?? null,
    }
  })
}

/** After the commit: the import stays committed whatever happens here. */
async function reconcileCommitted<Row>(
  definition: ImportDefinition<Row>,
  rows: Row[],
  context: ImportContext
): Promise<string> {
  try {
    const { reconcileAfterImport, describeReconciliation, yearsTouched } =
      await import('#reconciliation/after_import')
    const years = definition.reconcileYears
      ? definition.reconcileYears(rows, context)
      : yearsTouched(rows)
    const outcome = await reconcileAfterImport(
      {
        organisationId: context.organisationId,
        userId: context.userId,
        label: `import ${definition.kind}`,
      },
      years
    )
    return describeReconciliation(outcome)
  } catch (error) {
    logger.error({ err: error, kind: definition.kind }, 'reconciliation after import failed')
    return 'rapprochements non exécutés'
  }
}

/** Preview and commit in one go: for commands, seeders and tests. */
export async function importFile<Row>(
  definition: ImportDefinition<Row>,
  path: string,
  actor: Actor,
  fileName = path.split('/').pop() ?? 'fichier',
  target: string | null = null
) {
  const preview = await previewImport(definition, { path, fileName }, actor, target)
  if (preview.issues.length) return preview
  return commitImport(definition, preview.record.id, actor, target)
}

export class ImportStateError extends RuleError {}
