/**
 * One FEC import, start to end: inspect (size cap, binary) -> one pass over the file in ONE
 * transaction, every line checked (analysis.ts) and, while the file has no error, written
 * (writer.ts) -> a file with any error is rolled back and refused with every error, nothing
 * visible -> reconciliation of the year. When nothing can be written (no such year, a closed
 * one), the file is only checked, so that all its errors are still reported. Never throws for a
 * bad file: it is recorded as rejected with its errors, each naming its file line.
 */
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import db from '@adonisjs/lucid/services/db'
import { reconcileAfterImport } from '#reconciliation/after_import'
import { inspectUpload, SpreadsheetError } from '#support/spreadsheet/reader'
import { DomainError, translateDatabaseError } from '#support/domain_errors'
import { fiscalYearName } from '#support/french_format'
import env from '#start/env'
import { centsToDecimal, detectEncoding, EncodingMismatch, type FecEncoding } from './format.js'
import { Issues, type FecIssue } from './lines.js'
import {
  analyse,
  numbersInLedger,
  NUMBER_TAKEN,
  type Analysis,
  type FiscalYearRow,
} from './analysis.js'
import { LedgerWriter } from './writer.js'
import { ProgressMeter, type ProgressListener } from './progress.js'

export const FEC_IMPORT_KIND = 'accounting.fec'
const DEFAULT_FEC_MAX_BYTES = 500 * 1024 * 1024
const DEFAULT_MAX_ERRORS = 1000

/** Size cap of a FEC, in bytes: FEC_MAX_BYTES of the validated env (start/env.ts), else 500 MB. */
export function fecMaxBytes() {
  return env.get('FEC_MAX_BYTES') ?? DEFAULT_FEC_MAX_BYTES
}

export interface FecImportOptions {
  organisationId: number
  userId: number | null
  fiscalYearId: number
  fileName?: string
  maxBytes?: number
  maxErrors?: number
  /** An import row created beforehand (status 'running'): it is updated instead of inserted. */
  importId?: number
  /**
   * Called at the start and end of the pass and, in between, every `progressEvery` lines or
   * 500 ms; done/total count the file's bytes read ('import': checked and written, 'vérification':
   * checked only, when nothing can be written).
   */
  onProgress?: ProgressListener
  progressEvery?: number
}

export interface FecImportResult {
  status: 'committed' | 'rejected'
  importId: number
  fileName: string
  errors: FecIssue[]
  errorCount: number
  lines: number
  entries: number
  accountsCreated: number
  journalsCreated: number
  totalDebit: string
  totalCredit: string
  encoding: FecEncoding | null
  separator: 'tab' | 'pipe' | null
  variant: 'debit-credit' | 'montant-sens' | null
  seconds: number
  /** Seconds of each phase of a committed import (the bench prints them). */
  phases?: Partial<Record<FecPhase, number>>
}

type FecPhase = 'preparation' | 'pass' | 'statistics' | 'reconciliation'

class PhaseClock {
  phases: Partial<Record<FecPhase, number>> = {}
  private last = performance.now()

  lap(phase: FecPhase) {
    const now = performance.now()
    this.phases[phase] = (now - this.last) / 1000
    this.last = now
  }
}

async function fileSha256(path: string) {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function recordRejected(
  path: string,
  fileName: string,
  options: FecImportOptions,
  sha256: string,
  lines: number,
  issues: Issues
) {
  const values = {
    organisation_id: options.organisationId,
    user_id: options.userId,
    kind: FEC_IMPORT_KIND,
    file_name: fileName.slice(0, 255),
    sha256,
    size_bytes: (await stat(path)).size,
    status: 'rejected',
    rows_total: lines,
    rows_valid: 0,
    rows_rejected: issues.count,
    errors: JSON.stringify({ count: issues.count, list: issues.list }),
  }
  if (options.importId) {
    await db
      .from('imports')
      .where({ id: options.importId, organisation_id: options.organisationId })
      .update(values)
    return options.importId
  }
  const [row] = await db.insertQuery().table('imports').insert(values).returning('id')
  return row.id as number
}

/** Size and type, before reading anything else; the refusal's message, or null. */
async function inspect(path: string, maxBytes: number) {
  try {
    const { kind } = await inspectUpload(path, { maxBytes })
    if (kind === 'xlsx') {
      throw new SpreadsheetError(
        'un FEC est un fichier texte (tabulations ou « | »), pas un classeur Excel'
      )
    }
    return null
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error
    return error.message.replace(
      'ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier CSV',
      'ce fichier n’est pas un FEC texte'
    )
  }
}

async function fiscalYear(options: FecImportOptions, issues: Issues) {
  const year: FiscalYearRow | undefined = (
    await db.rawQuery(
      `SELECT id, label, status, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
         FROM fiscal_years WHERE id = ? AND organisation_id = ?`,
      [options.fiscalYearId, options.organisationId]
    )
  ).rows[0]
  if (!year) issues.add(0, 'exercice', String(options.fiscalYearId), 'exercice introuvable')
  else if (year.status !== 'open')
    issues.add(
      0,
      'exercice',
      year.label,
      `l’exercice ${fiscalYearName(year.label)} est clôturé : aucune écriture ne peut y être importée`
    )
  return year ?? null
}

async function previousImport(organisationId: number, sha256: string) {
  return db
    .from('imports')
    .where({ organisation_id: organisationId, kind: FEC_IMPORT_KIND, sha256, status: 'committed' })
    .first()
}

/**
 * Runs `pass` with the file's encoding, then once more as ISO-8859-15 when a file announced as
 * UTF-8 turns out not to be (what the first attempt wrote is rolled back with it).
 */
async function withEncoding<T>(
  path: string,
  issues: Issues,
  pass: (encoding: FecEncoding) => Promise<T>
): Promise<T> {
  try {
    return await pass(await detectEncoding(path))
  } catch (error) {
    if (!(error instanceof EncodingMismatch)) throw error
    issues.list = issues.list.filter((issue) => issue.line === 0)
    issues.count = issues.list.length
    return pass('iso-8859-15')
  }
}

/** The file checked only, nothing written (no year to write into, or a refusal to explain). */
async function analyseFile(
  path: string,
  options: FecImportOptions,
  year: FiscalYearRow | null,
  issues: Issues
): Promise<Analysis> {
  const taken = year ? await numbersInLedger(options.organisationId, year.id) : new Set<string>()
  const total = (await stat(path)).size
  return withEncoding(path, issues, (encoding) =>
    analyse(
      path,
      encoding,
      year,
      taken,
      issues,
      new ProgressMeter(options.onProgress, 'vérification', total, options.progressEvery)
    )
  )
}

/** Imports a FEC into one fiscal year; never throws for a bad file (it is rejected with its errors). */
export async function importFec(path: string, options: FecImportOptions): Promise<FecImportResult> {
  const started = Date.now()
  const fileName = options.fileName ?? basename(path)
  const issues = new Issues(options.maxErrors ?? DEFAULT_MAX_ERRORS)
  const maxBytes = options.maxBytes ?? fecMaxBytes()
  const result = (
    status: 'committed' | 'rejected',
    importId: number,
    extra: Partial<FecImportResult> = {}
  ): FecImportResult => ({
    status,
    importId,
    fileName,
    errors: issues.list,
    errorCount: issues.count,
    lines: 0,
    entries: 0,
    accountsCreated: 0,
    journalsCreated: 0,
    totalDebit: '0.00',
    totalCredit: '0.00',
    encoding: null,
    separator: null,
    variant: null,
    seconds: (Date.now() - started) / 1000,
    ...extra,
  })

  const refusal = await inspect(path, maxBytes)
  if (refusal) {
    issues.add(0, 'fichier', fileName, refusal)
    const sha =
      (await stat(path)).size <= maxBytes
        ? await fileSha256(path)
        : 'non calculé (fichier trop volumineux)'.padEnd(64, '-').slice(0, 64)
    return result('rejected', await recordRejected(path, fileName, options, sha, 0, issues))
  }

  const year = await fiscalYear(options, issues)
  const clock = new PhaseClock()
  const summaryOf = (analysis: Analysis) =>
    ({
      lines: analysis.lines,
      entries: analysis.entries,
      totalDebit: centsToDecimal(analysis.totalDebit),
      totalCredit: centsToDecimal(analysis.totalCredit),
      encoding: analysis.encoding,
      separator: analysis.layout ? (analysis.layout.separator === '\t' ? 'tab' : 'pipe') : null,
      variant: analysis.layout?.variant ?? null,
    }) as const
  const reject = async (analysis: Analysis, duplicate?: PreviousImport) => {
    if (duplicate) {
      // The same file again: its numbers are of course taken; say the one thing that matters.
      issues.withdraw(NUMBER_TAKEN, analysis.clashes)
      issues.add(
        0,
        'fichier',
        fileName,
        `ce fichier a déjà été importé le ${new Date(duplicate.committed_at ?? duplicate.created_at).toLocaleDateString('fr-FR')} (import n° ${duplicate.id}) : il n’est pas réimporté`
      )
    }
    const id = await recordRejected(
      path,
      fileName,
      options,
      analysis.sha256,
      analysis.lines,
      issues
    )
    return result('rejected', id, {
      ...summaryOf(analysis),
      seconds: (Date.now() - started) / 1000,
    })
  }

  if (!year || issues.count > 0) {
    const analysis = await analyseFile(path, options, year, issues)
    return reject(analysis, await previousImport(options.organisationId, analysis.sha256))
  }
  const taken = await numbersInLedger(options.organisationId, year.id)
  clock.lap('preparation')
  let written: Written
  try {
    written = await withEncoding(path, issues, (encoding) =>
      writeInOnePass(path, options, fileName, year, taken, issues, encoding)
    )
  } catch (error) {
    if (error instanceof FileRefused) return reject(error.analysis, error.duplicate)
    // A rule enforced by the database (a concurrent closing, a number taken meanwhile...).
    const refused = translateDatabaseError(error)
    if (!(refused instanceof DomainError)) throw error
    // The pass had found no error. Read the file again against the ledger as it is now: a number
    // taken meanwhile is reported at its file line; any other refusal as the database says it.
    const analysis = await analyseFile(path, { ...options, onProgress: undefined }, year, issues)
    if (issues.count === 0) issues.add(0, 'fichier', fileName, refused.message)
    return reject(analysis)
  }
  clock.lap('pass')
  // Fresh planner statistics after a bulk load, so the ledger screens keep using their indexes.
  await db.rawQuery('ANALYZE entries, entry_lines')
  clock.lap('statistics')
  await reconcileAfterImport(
    { organisationId: options.organisationId, userId: options.userId, label: 'import FEC' },
    [Number(year.end_date.slice(0, 4))]
  )
  clock.lap('reconciliation')
  return result('committed', written.importId, {
    ...summaryOf(written.analysis),
    phases: clock.phases,
    accountsCreated: written.accountsCreated,
    journalsCreated: written.journalsCreated,
    seconds: (Date.now() - started) / 1000,
  })
}

type PreviousImport = NonNullable<Awaited<ReturnType<typeof previousImport>>>

/** A file with errors (or imported before): what its pass wrote is rolled back. */
class FileRefused extends Error {
  constructor(
    readonly analysis: Analysis,
    readonly duplicate?: PreviousImport
  ) {
    super('fichier refusé')
  }
}

interface Written {
  analysis: Analysis
  importId: number
  journalsCreated: number
  accountsCreated: number
}

/**
 * The one pass, in one transaction: the import row, then the file read once, each line checked
 * and, while the file has no error, written; then the balance checks. A file with any error, or
 * imported before, throws FileRefused and nothing stays.
 */
function writeInOnePass(
  path: string,
  options: FecImportOptions,
  fileName: string,
  year: FiscalYearRow,
  taken: Set<string>,
  issues: Issues,
  encoding: FecEncoding
): Promise<Written> {
  const organisationId = options.organisationId
  return db.transaction(async (trx) => {
    // Two uploads of the same file at once: the second waits here, then finds the first.
    await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtext('fec-import'), ?)`, [organisationId])
    const size = (await stat(path)).size
    const base = {
      organisation_id: organisationId,
      user_id: options.userId,
      kind: FEC_IMPORT_KIND,
      file_name: fileName.slice(0, 255),
      size_bytes: size,
    }
    // The entries name their import: its row comes first (seen by no one before the commit). A
    // row created beforehand is updated only at the very end, so that the progress written
    // meanwhile on another connection never waits for its lock.
    const importId = options.importId
      ? options.importId
      : ((
          await trx
            .insertQuery()
            .table('imports')
            .insert({ ...base, sha256: '', status: 'running' })
            .returning('id')
        )[0].id as number)
    const writer = new LedgerWriter(trx, {
      organisationId,
      userId: options.userId,
      importId,
      fileName,
      year,
    })
    await writer.open()
    const meter = new ProgressMeter(options.onProgress, 'import', size, options.progressEvery)
    let analysis: Analysis
    try {
      analysis = await analyse(path, encoding, year, taken, issues, meter, writer)
    } catch (error) {
      await writer.abandon()
      throw error
    }
    const duplicate = await trx
      .from('imports')
      .where({
        organisation_id: organisationId,
        kind: FEC_IMPORT_KIND,
        sha256: analysis.sha256,
        status: 'committed',
      })
      .first()
    if (issues.count > 0 || !analysis.layout || duplicate) {
      await writer.abandon()
      throw new FileRefused(analysis, duplicate ?? undefined)
    }
    const created = await writer.finish()
    await trx
      .from('imports')
      .where({ id: importId, organisation_id: organisationId })
      .update({
        ...base,
        sha256: analysis.sha256,
        status: 'committed',
        rows_total: analysis.lines,
        rows_valid: analysis.lines,
        rows_rejected: 0,
        committed_at: new Date(),
        ...(options.importId ? { progress_done: size, progress_total: size } : {}),
      })
    // Fire the deferred balance checks now: an error at COMMIT would be swallowed by knex.
    await trx.rawQuery('SET CONSTRAINTS ledger_pending_checks_at_commit IMMEDIATE')
    await trx.rawQuery('SET CONSTRAINTS ledger_pending_checks_at_commit DEFERRED')
    return { analysis, importId, ...created }
  })
}
