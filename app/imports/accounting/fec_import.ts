/**
 * FEC import: streams the file twice with bounded memory.
 *
 *   inspect (size cap, binary) -> pass 1: parse and validate every line, aggregate each entry
 *   (JournalCode + EcritureNum) -> refuse with every error (capped) -> pass 2: in ONE transaction,
 *   create missing journals and accounts, then insert entries (validated, original numbers, hash
 *   chain) and lines in batches of whole entries with INSERT ... SELECT FROM unnest(arrays).
 *
 * The lines of one entry must follow each other in the file (every accounting package writes
 * them so); this lets pass 2 build each entry's hash while streaming.
 *
 * Progress: `onProgress` is called at the start and end of each pass and, in between, every
 * `progressEvery` lines or 500 ms. During 'vérification' done/total count bytes read (the line
 * count is not known yet), during 'écriture' they count lines written.
 */
import { reconcileAfterImport } from '#reconciliation/after_import'
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { inspectUpload, SpreadsheetError } from '#support/spreadsheet/reader'
import { chainHash } from '#actions/accounting/hash_chain'
import { LedgerError } from '#actions/accounting/errors'
import { DomainError, translateDatabaseError } from '#support/domain_errors'
import { lockChainHead, moveChainHead } from '#actions/accounting/ledger'
import { longestPrefixParent } from '#reference/pcg_associations'
import {
  COL,
  EncodingMismatch,
  FEC_COLUMNS,
  centsToDecimal,
  detectEncoding,
  parseFecAmount,
  parseFecDate,
  readTextLines,
  type FecEncoding,
} from '#imports/accounting/fec_format'
import { fiscalYearName } from '#support/french_format'

export const FEC_IMPORT_KIND = 'accounting.fec'
export const DEFAULT_FEC_MAX_BYTES = 500 * 1024 * 1024
export const DEFAULT_MAX_ERRORS = 1000
const BATCH_LINES = 5000
export const PROGRESS_EVERY_LINES = 20_000
const PROGRESS_EVERY_MS = 500

export interface FecProgress {
  phase: 'vérification' | 'écriture'
  done: number
  total: number
}

export interface FecIssue {
  line: number
  field: string
  value: string
  reason: string
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
  onProgress?: (progress: FecProgress) => void | Promise<void>
  progressEvery?: number
}

/** Throttled progress of one pass; `tick` is cheap enough to call on every line. */
class ProgressMeter {
  private lastLines = 0
  private lastTime = Date.now()
  constructor(
    private options: FecImportOptions,
    private phase: FecProgress['phase'],
    private total: number
  ) {}

  async start() {
    await this.options.onProgress?.({ phase: this.phase, done: 0, total: this.total })
  }

  async tick(lines: number, done: number) {
    if (!this.options.onProgress) return
    const every = this.options.progressEvery ?? PROGRESS_EVERY_LINES
    if (lines - this.lastLines < every) {
      if ((lines & 1023) !== 0 || Date.now() - this.lastTime < PROGRESS_EVERY_MS) return
    }
    this.lastLines = lines
    this.lastTime = Date.now()
    await this.options.onProgress({
      phase: this.phase,
      done: Math.min(done, this.total),
      total: this.total,
    })
  }

  async end() {
    await this.options.onProgress?.({ phase: this.phase, done: this.total, total: this.total })
  }
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
}

interface Layout {
  separator: string
  variant: 'debit-credit' | 'montant-sens'
}

interface ParsedLine {
  journalCode: string
  journalLib: string
  number: string
  date: string
  account: string
  accountLib: string
  auxNumber: string | null
  auxLabel: string | null
  pieceRef: string | null
  pieceDate: string | null
  label: string
  debit: bigint
  credit: bigint
  lettering: string | null
  letteringDate: string | null
  validDate: string | null
  currencyAmount: bigint | null
  currency: string | null
}

const MAX_LENGTH: Array<[number, string, number]> = [
  [COL.journalCode, 'JournalCode', 20],
  [COL.journalLib, 'JournalLib', 200],
  [COL.ecritureNum, 'EcritureNum', 40],
  [COL.compteNum, 'CompteNum', 20],
  [COL.compteLib, 'CompteLib', 200],
  [COL.compAuxNum, 'CompAuxNum', 40],
  [COL.compAuxLib, 'CompAuxLib', 200],
  [COL.pieceRef, 'PieceRef', 100],
  [COL.ecritureLib, 'EcritureLib', 500],
  [COL.ecritureLet, 'EcritureLet', 20],
  [COL.idevise, 'Idevise', 3],
]

const ACCOUNT = /^[1-9][0-9A-Za-z]*$/

class Issues {
  list: FecIssue[] = []
  count = 0
  constructor(private cap: number) {}
  add(line: number, field: string, value: string, reason: string) {
    this.count++
    if (this.list.length < this.cap)
      this.list.push({ line, field, value: value.slice(0, 200), reason })
  }
}

function parseHeader(text: string, issues: Issues): Layout | null {
  const clean = text.replace(/^\uFEFF/, '')
  const separator = clean.includes('\t') ? '\t' : clean.includes('|') ? '|' : null
  if (!separator) {
    issues.add(
      1,
      'en-tête',
      clean.slice(0, 80),
      'séparateur introuvable : un FEC sépare ses 18 colonnes par des tabulations ou des « | »'
    )
    return null
  }
  const names = clean.split(separator).map((name) => name.trim())
  if (names.length === 19 && names[18] === '') names.pop()
  if (names.length !== 18) {
    issues.add(1, 'en-tête', `${names.length} colonnes`, 'un FEC compte exactement 18 colonnes')
    return null
  }
  const variant =
    names[11].toLowerCase() === 'montant' && names[12].toLowerCase() === 'sens'
      ? 'montant-sens'
      : 'debit-credit'
  let ok = true
  names.forEach((name, index) => {
    let expected: string = FEC_COLUMNS[index]
    if (variant === 'montant-sens' && index === 11) expected = 'Montant'
    if (variant === 'montant-sens' && index === 12) expected = 'Sens'
    if (name.toLowerCase() !== expected.toLowerCase()) {
      issues.add(1, `colonne ${index + 1}`, name, `nom attendu : ${expected}`)
      ok = false
    }
  })
  return ok ? { separator, variant } : null
}

function optionalDate(value: string, line: number, field: string, issues: Issues) {
  if (value === '') return null
  const date = parseFecDate(value)
  if (!date) issues.add(line, field, value, 'date invalide (format AAAAMMJJ attendu)')
  return date
}

/** Parses and validates one data line; returns null when it has errors (recorded in issues). */
function parseLine(
  fields: string[],
  line: number,
  layout: Layout,
  issues: Issues
): ParsedLine | null {
  if (fields.length === 19 && fields[18] === '') fields.pop()
  if (fields.length !== 18) {
    issues.add(
      line,
      'ligne',
      `${fields.length} colonnes`,
      'chaque ligne doit compter exactement 18 colonnes'
    )
    return null
  }
  const before = issues.count
  for (let i = 0; i < 18; i++) fields[i] = fields[i].trim()
  for (const [index, name, max] of MAX_LENGTH) {
    if (fields[index].length > max)
      issues.add(line, name, fields[index], `trop long (${max} caractères au plus)`)
  }
  if (fields[COL.journalCode] === '') issues.add(line, 'JournalCode', '', 'code journal manquant')
  if (fields[COL.ecritureNum] === '')
    issues.add(line, 'EcritureNum', '', 'numéro d’écriture manquant')
  const date = parseFecDate(fields[COL.ecritureDate])
  if (!date)
    issues.add(
      line,
      'EcritureDate',
      fields[COL.ecritureDate],
      'date invalide (format AAAAMMJJ attendu)'
    )
  const account = fields[COL.compteNum]
  if (!ACCOUNT.test(account)) {
    issues.add(
      line,
      'CompteNum',
      account,
      'numéro de compte invalide (chiffres du plan comptable, commençant par 1 à 8)'
    )
  }
  if (fields[COL.ecritureLib] === '')
    issues.add(line, 'EcritureLib', '', 'libellé d’écriture manquant (obligatoire)')
  const pieceDate = optionalDate(fields[COL.pieceDate], line, 'PieceDate', issues)
  const letteringDate = optionalDate(fields[COL.dateLet], line, 'DateLet', issues)
  const validDate = optionalDate(fields[COL.validDate], line, 'ValidDate', issues)

  let debit: bigint | null
  let credit: bigint | null
  if (layout.variant === 'debit-credit') {
    debit = parseFecAmount(fields[COL.debit])
    credit = parseFecAmount(fields[COL.credit])
    if (debit === null)
      issues.add(
        line,
        'Debit',
        fields[COL.debit],
        'montant invalide (virgule décimale, deux décimales au plus)'
      )
    else if (debit < 0n) issues.add(line, 'Debit', fields[COL.debit], 'montant négatif')
    if (credit === null)
      issues.add(
        line,
        'Credit',
        fields[COL.credit],
        'montant invalide (virgule décimale, deux décimales au plus)'
      )
    else if (credit < 0n) issues.add(line, 'Credit', fields[COL.credit], 'montant négatif')
    if (debit && credit && debit > 0n && credit > 0n) {
      issues.add(
        line,
        'Debit/Credit',
        `${fields[COL.debit]} / ${fields[COL.credit]}`,
        'une ligne est soit au débit, soit au crédit'
      )
    }
  } else {
    const amount = parseFecAmount(fields[COL.debit])
    const sense = fields[COL.credit].toUpperCase()
    debit = credit = 0n
    if (amount === null || amount < 0n) {
      issues.add(line, 'Montant', fields[COL.debit], 'montant invalide (positif, virgule décimale)')
    } else if (sense === 'D' || sense === '+1' || sense === '1') {
      debit = amount
    } else if (sense === 'C' || sense === '-1') {
      credit = amount
    } else {
      issues.add(line, 'Sens', fields[COL.credit], 'sens invalide (D ou C, +1 ou -1)')
    }
  }
  let currencyAmount: bigint | null = null
  if (fields[COL.montantDevise] !== '') {
    currencyAmount = parseFecAmount(fields[COL.montantDevise])
    if (currencyAmount === null)
      issues.add(line, 'Montantdevise', fields[COL.montantDevise], 'montant invalide')
  }
  if (issues.count !== before) return null
  return {
    journalCode: fields[COL.journalCode],
    journalLib: fields[COL.journalLib],
    number: fields[COL.ecritureNum],
    date: date!,
    account,
    accountLib: fields[COL.compteLib],
    auxNumber: fields[COL.compAuxNum] || null,
    auxLabel: fields[COL.compAuxLib] || null,
    pieceRef: fields[COL.pieceRef] || null,
    pieceDate,
    label: fields[COL.ecritureLib],
    debit: debit!,
    credit: credit!,
    lettering: fields[COL.ecritureLet] || null,
    letteringDate,
    validDate,
    currencyAmount,
    currency: fields[COL.idevise] || null,
  }
}

interface FiscalYearRow {
  id: number
  label: string
  status: string
  start_date: string
  end_date: string
}

interface Analysis {
  layout: Layout | null
  encoding: FecEncoding
  sha256: string
  lines: number
  entries: number
  totalDebit: bigint
  totalCredit: bigint
  journals: Map<string, string>
  accounts: Map<string, string>
  /** Journal code, entry number and the file line where the entry starts. */
  keys: Array<[string, string, number]>
}

function frDate(iso: string) {
  return iso.split('-').reverse().join('/')
}

/** Pass 1: every check that needs no database, over the whole file. */
async function analyse(
  path: string,
  encoding: FecEncoding,
  year: FiscalYearRow | null,
  issues: Issues,
  meter: ProgressMeter
): Promise<Analysis> {
  const hash = createHash('sha256')
  let bytes = 0
  let layout: Layout | null = null
  let lines = 0
  const journals = new Map<string, string>()
  const accounts = new Map<string, string>()
  const seen = new Set<string>()
  const keys: Array<[string, string, number]> = []
  let current: {
    key: string
    line: number
    date: string
    debit: bigint
    credit: bigint
    count: number
    code: string
    number: string
  } | null = null
  let totalDebit = 0n
  let totalCredit = 0n

  const closeEntry = () => {
    if (!current) return
    if (current.count < 2) {
      issues.add(
        current.line,
        'EcritureNum',
        `${current.code} ${current.number}`,
        'une écriture compte au moins deux lignes'
      )
    }
    if (current.debit !== current.credit) {
      issues.add(
        current.line,
        'Debit/Credit',
        `${current.code} ${current.number} : débit ${centsToDecimal(current.debit).replace('.', ',')}, crédit ${centsToDecimal(current.credit).replace('.', ',')}`,
        `écriture déséquilibrée (écart ${centsToDecimal(current.debit - current.credit).replace('.', ',')})`
      )
    }
  }

  await meter.start()
  for await (const { line, text } of readTextLines(path, encoding, (chunk) => {
    hash.update(chunk)
    bytes += chunk.length
  })) {
    await meter.tick(line, bytes)
    if (line === 1) {
      layout = parseHeader(text, issues)
      if (!layout) break
      continue
    }
    if (text.trim() === '') continue
    lines++
    const parsed = parseLine(text.split(layout!.separator), line, layout!, issues)
    if (!parsed) continue
    totalDebit += parsed.debit
    totalCredit += parsed.credit
    if (year && (parsed.date < year.start_date || parsed.date > year.end_date)) {
      issues.add(
        line,
        'EcritureDate',
        frDate(parsed.date),
        `date hors de l’exercice ${fiscalYearName(year.label)} (${frDate(year.start_date)} – ${frDate(year.end_date)})`
      )
    }
    if (!journals.has(parsed.journalCode)) journals.set(parsed.journalCode, parsed.journalLib)
    if (!accounts.has(parsed.account)) accounts.set(parsed.account, parsed.accountLib)
    const key = `${parsed.journalCode}\u0000${parsed.number}`
    if (current && current.key === key) {
      current.count++
      current.debit += parsed.debit
      current.credit += parsed.credit
      if (parsed.date !== current.date) {
        issues.add(
          line,
          'EcritureDate',
          frDate(parsed.date),
          `toutes les lignes de l’écriture ${parsed.number} doivent avoir la même date (${frDate(current.date)})`
        )
      }
      continue
    }
    closeEntry()
    if (seen.has(key)) {
      issues.add(
        line,
        'EcritureNum',
        `${parsed.journalCode} ${parsed.number}`,
        'les lignes de cette écriture ne se suivent pas dans le fichier (numéro déjà rencontré plus haut)'
      )
    }
    seen.add(key)
    keys.push([parsed.journalCode, parsed.number, line])
    current = {
      key,
      line,
      date: parsed.date,
      debit: parsed.debit,
      credit: parsed.credit,
      count: 1,
      code: parsed.journalCode,
      number: parsed.number,
    }
  }
  closeEntry()
  await meter.end()
  if (layout && lines === 0) issues.add(2, 'ligne', '', 'le fichier ne contient aucune écriture')
  return {
    layout,
    encoding,
    sha256: hash.digest('hex'),
    lines,
    entries: keys.length,
    totalDebit,
    totalCredit,
    journals,
    accounts,
    keys,
  }
}

async function recordRejected(
  path: string,
  fileName: string,
  options: FecImportOptions,
  sha256: string,
  lines: number,
  issues: Issues
) {
  const size = (await stat(path)).size
  const values = {
    organisation_id: options.organisationId,
    user_id: options.userId,
    kind: FEC_IMPORT_KIND,
    file_name: fileName.slice(0, 255),
    sha256,
    size_bytes: size,
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

/** Imports a FEC into one fiscal year; never throws for a bad file (it is rejected with its errors). */
export async function importFec(path: string, options: FecImportOptions): Promise<FecImportResult> {
  const started = Date.now()
  const fileName = options.fileName ?? basename(path)
  const issues = new Issues(options.maxErrors ?? DEFAULT_MAX_ERRORS)
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

  // 1. Size and type, before reading anything else.
  try {
    const { kind } = await inspectUpload(path, {
      maxBytes: options.maxBytes ?? DEFAULT_FEC_MAX_BYTES,
    })
    if (kind === 'xlsx') {
      throw new SpreadsheetError(
        'un FEC est un fichier texte (tabulations ou « | »), pas un classeur Excel'
      )
    }
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error
    issues.add(
      0,
      'fichier',
      fileName,
      error.message.replace(
        'ce fichier n’est ni un classeur Excel (.xlsx) ni un fichier CSV',
        'ce fichier n’est pas un FEC texte'
      )
    )
    const size = (await stat(path)).size
    const sha =
      size <= (options.maxBytes ?? DEFAULT_FEC_MAX_BYTES)
        ? await fileSha256(path)
        : 'non calculé (fichier trop volumineux)'.padEnd(64, '-').slice(0, 64)
    return result('rejected', await recordRejected(path, fileName, options, sha, 0, issues))
  }

  // 2. The fiscal year.
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

  // 3. Pass 1 over the whole file.
  let encoding = await detectEncoding(path)
  let analysis: Analysis
  const fileSize = (await stat(path)).size
  try {
    const meter = new ProgressMeter(options, 'vérification', fileSize)
    analysis = await analyse(path, encoding, year ?? null, issues, meter)
  } catch (error) {
    if (!(error instanceof EncodingMismatch)) throw error
    encoding = 'iso-8859-15'
    issues.list = issues.list.filter((issue) => issue.line === 0)
    issues.count = issues.list.length
    const meter = new ProgressMeter(options, 'vérification', fileSize)
    analysis = await analyse(path, encoding, year ?? null, issues, meter)
  }

  // 4. Checks against the database: same file already imported, numbers already used.
  const duplicate = await db
    .from('imports')
    .where({
      organisation_id: options.organisationId,
      kind: FEC_IMPORT_KIND,
      sha256: analysis.sha256,
      status: 'committed',
    })
    .first()
  if (duplicate) {
    issues.add(
      0,
      'fichier',
      fileName,
      `ce fichier a déjà été importé le ${new Date(duplicate.committed_at ?? duplicate.created_at).toLocaleDateString('fr-FR')} (import n° ${duplicate.id}) : il n’est pas réimporté`
    )
  }
  if (year && analysis.keys.length > 0 && issues.count === 0) {
    const { rows } = await db.rawQuery(
      `SELECT k.code, k.number, k.line FROM entries e JOIN journals j ON j.id = e.journal_id
         JOIN unnest(?::text[], ?::text[], ?::int[]) AS k(code, number, line)
           ON k.code = j.code AND k.number = e.number
        WHERE e.organisation_id = ? AND e.fiscal_year_id = ?
        ORDER BY k.line
        LIMIT 100`,
      [
        analysis.keys.map((k) => k[0]),
        analysis.keys.map((k) => k[1]),
        analysis.keys.map((k) => k[2]),
        options.organisationId,
        year.id,
      ]
    )
    for (const row of rows) {
      issues.add(
        row.line,
        'EcritureNum',
        `${row.code} ${row.number}`,
        'ce numéro d’écriture existe déjà dans ce journal pour cet exercice'
      )
    }
  }
  const summary = {
    lines: analysis.lines,
    entries: analysis.entries,
    totalDebit: centsToDecimal(analysis.totalDebit),
    totalCredit: centsToDecimal(analysis.totalCredit),
    encoding,
    separator: analysis.layout ? (analysis.layout.separator === '\t' ? 'tab' : 'pipe') : null,
    variant: analysis.layout?.variant ?? null,
  } as const
  if (issues.count > 0 || !analysis.layout || !year) {
    const id = await recordRejected(
      path,
      fileName,
      options,
      analysis.sha256,
      analysis.lines,
      issues
    )
    return result('rejected', id, { ...summary, seconds: (Date.now() - started) / 1000 })
  }

  // 5. Pass 2: write everything in one transaction.
  let written: Awaited<ReturnType<typeof writeAll>>
  try {
    written = await db.transaction(async (trx) =>
      writeAll(trx, path, options, fileName, year, analysis)
    )
  } catch (error) {
    // A rule enforced by the database (a concurrent closing, a number taken meanwhile...).
    const refusal = translateDatabaseError(error)
    if (!(refusal instanceof DomainError)) throw error
    issues.add(0, 'fichier', fileName, refusal.message)
    const id = await recordRejected(
      path,
      fileName,
      options,
      analysis.sha256,
      analysis.lines,
      issues
    )
    return result('rejected', id, { ...summary, seconds: (Date.now() - started) / 1000 })
  }
  // Fresh planner statistics after a bulk load, so the ledger screens keep using their indexes.
  await db.rawQuery('ANALYZE entries, entry_lines')
  await reconcileAfterImport(
    { organisationId: options.organisationId, userId: options.userId, label: 'import FEC' },
    [Number(year.end_date.slice(0, 4))]
  )
  return result('committed', written.importId, {
    ...summary,
    accountsCreated: written.accountsCreated,
    journalsCreated: written.journalsCreated,
    seconds: (Date.now() - started) / 1000,
  })
}

/** PostgreSQL array literal: building it here is much cheaper than letting the driver do it. */
function pgArray(values: Array<string | number | bigint | null | undefined>) {
  let out = '{'
  for (const [i, value] of values.entries()) {
    if (i > 0) out += ','
    if (value === null || value === undefined) out += 'NULL'
    else if (typeof value !== 'string') out += String(value)
    else out += `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  }
  return `${out}}`
}

async function fileSha256(path: string) {
  const hash = createHash('sha256')
  const { createReadStream } = await import('node:fs')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function writeAll(
  trx: TransactionClientContract,
  path: string,
  options: FecImportOptions,
  fileName: string,
  year: FiscalYearRow,
  analysis: Analysis
) {
  const organisationId = options.organisationId
  // Two uploads of the same file at once: the second waits here, then finds the first.
  await trx.rawQuery(`SELECT pg_advisory_xact_lock(hashtext('fec-import'), ?)`, [organisationId])
  const again = await trx
    .from('imports')
    .where({
      organisation_id: organisationId,
      kind: FEC_IMPORT_KIND,
      sha256: analysis.sha256,
      status: 'committed',
    })
    .first()
  if (again)
    throw new LedgerError('ce fichier vient d’être importé par ailleurs : il n’est pas réimporté')
  const size = (await stat(path)).size
  const importValues = {
    organisation_id: organisationId,
    user_id: options.userId,
    kind: FEC_IMPORT_KIND,
    file_name: fileName.slice(0, 255),
    sha256: analysis.sha256,
    size_bytes: size,
    status: 'committed',
    rows_total: analysis.lines,
    rows_valid: analysis.lines,
    rows_rejected: 0,
    committed_at: new Date(),
  }
  // A row created beforehand is marked committed at the very end of this transaction, so that
  // the progress updates written meanwhile on another connection never wait for its lock.
  const importId = options.importId
    ? options.importId
    : ((await trx.insertQuery().table('imports').insert(importValues).returning('id'))[0]
        .id as number)

  // Journals and accounts the file uses and the organisation lacks.
  const journalRows = await trx
    .from('journals')
    .where('organisation_id', organisationId)
    .select('id', 'code')
  const journalIds = new Map<string, number>(journalRows.map((row) => [row.code, row.id]))
  let journalsCreated = 0
  for (const [code, label] of analysis.journals) {
    if (journalIds.has(code)) continue
    const [row] = await trx
      .insertQuery()
      .table('journals')
      .insert({ organisation_id: organisationId, code, label: label || code })
      .returning('id')
    journalIds.set(code, row.id)
    journalsCreated++
  }
  const accountRows = await trx
    .from('accounts')
    .where('organisation_id', organisationId)
    .select('id', 'number')
  const accountIds = new Map<string, number>(accountRows.map((row) => [row.number, row.id]))
  let accountsCreated = 0
  const missing = [...analysis.accounts.keys()]
    .filter((n) => !accountIds.has(n))
    .sort((a, b) => a.length - b.length || a.localeCompare(b))
  for (const number of missing) {
    const parent = longestPrefixParent(number, accountIds.keys())
    const [row] = await trx
      .insertQuery()
      .table('accounts')
      .insert({
        organisation_id: organisationId,
        number,
        label: analysis.accounts.get(number) || number,
        parent_id: parent ? accountIds.get(parent) : null,
      })
      .returning('id')
    accountIds.set(number, row.id)
    accountsCreated++
  }
  if (journalsCreated + accountsCreated > 0) {
    await recordEvent({
      domain: 'accounting',
      action: 'create',
      subjectType: 'accounts',
      summary: `Import FEC ${fileName} : ${accountsCreated} compte(s) et ${journalsCreated} journal(aux) créés`,
      organisationId,
      trx,
    })
  }

  const head = await lockChainHead(trx, organisationId)
  let previous = head.lastHash
  let position = head.position

  type PendingEntry = {
    position: number
    journalId: number
    number: string
    date: string
    label: string
    pieceRef: string | null
    pieceDate: string | null
    validDate: string | null
    previous: string | null
    hash: string
    sequence: number | null
  }
  let entries: PendingEntry[] = []
  let lines: Array<{ position: number; lineNo: number; parsed: ParsedLine }> = []
  let group: ParsedLine[] = []
  const maxSequence = new Map<number, number>()

  const sealGroup = () => {
    if (group.length === 0) return
    const first = group[0]
    const journalId = journalIds.get(first.journalCode)!
    position++
    const hash = chainHash(
      previous,
      {
        organisationId,
        journalId,
        fiscalYearId: year.id,
        number: first.number,
        entryDate: first.date,
        label: first.label,
        pieceRef: first.pieceRef,
        pieceDate: first.pieceDate,
      },
      group.map((line) => ({
        accountNumber: line.account,
        debit: centsToDecimal(line.debit),
        credit: centsToDecimal(line.credit),
        entryDate: line.date,
      }))
    )
    const sequence = /^\d{1,9}$/.test(first.number) ? Number(first.number) : null
    if (sequence !== null && sequence > (maxSequence.get(journalId) ?? 0))
      maxSequence.set(journalId, sequence)
    entries.push({
      position,
      journalId,
      number: first.number,
      date: first.date,
      label: first.label,
      pieceRef: first.pieceRef,
      pieceDate: first.pieceDate,
      validDate: first.validDate,
      previous,
      hash,
      sequence,
    })
    group.forEach((parsed, index) => lines.push({ position, lineNo: index + 1, parsed }))
    previous = hash
    group = []
  }

  const flush = async () => {
    if (entries.length === 0) return
    const { rows } = await trx.rawQuery(
      `INSERT INTO entries (organisation_id, journal_id, fiscal_year_id, entry_date, number, sequence_number, label,
              piece_ref, piece_date, status, validated_at, validated_by, valid_date, chain_position, previous_hash, hash,
              import_id, created_by)
       SELECT ?, u.journal_id, ?, u.entry_date, u.number, u.sequence_number, u.label, u.piece_ref, u.piece_date,
              'validated', now(), ?, u.valid_date, u.chain_position, u.previous_hash, u.hash, ?, ?
         FROM unnest(?::int[], ?::date[], ?::text[], ?::int[], ?::text[], ?::text[], ?::date[], ?::date[], ?::bigint[], ?::text[], ?::text[])
           AS u(journal_id, entry_date, number, sequence_number, label, piece_ref, piece_date, valid_date, chain_position, previous_hash, hash)
       RETURNING id, chain_position`,
      [
        organisationId,
        year.id,
        options.userId,
        importId,
        options.userId,
        pgArray(entries.map((e) => e.journalId)),
        pgArray(entries.map((e) => e.date)),
        pgArray(entries.map((e) => e.number)),
        pgArray(entries.map((e) => e.sequence)),
        pgArray(entries.map((e) => e.label)),
        pgArray(entries.map((e) => e.pieceRef)),
        pgArray(entries.map((e) => e.pieceDate)),
        pgArray(entries.map((e) => e.validDate)),
        pgArray(entries.map((e) => e.position)),
        pgArray(entries.map((e) => e.previous)),
        pgArray(entries.map((e) => e.hash)),
      ] as never[]
    )
    const ids = new Map<number, number>(
      rows.map((row: { id: number; chain_position: string }) => [
        Number(row.chain_position),
        row.id,
      ])
    )
    await trx.rawQuery(
      `INSERT INTO entry_lines (entry_id, organisation_id, line_no, account_id, account_number, entry_date, debit, credit,
              label, aux_number, aux_label, lettering, lettering_date, currency_amount, currency)
       SELECT u.entry_id, ?, u.line_no, u.account_id, u.account_number, u.entry_date, u.debit, u.credit, u.label,
              u.aux_number, u.aux_label, u.lettering, u.lettering_date, u.currency_amount, u.currency
         FROM unnest(?::int[], ?::smallint[], ?::int[], ?::text[], ?::date[], ?::numeric[], ?::numeric[], ?::text[],
                     ?::text[], ?::text[], ?::text[], ?::date[], ?::numeric[], ?::text[])
           AS u(entry_id, line_no, account_id, account_number, entry_date, debit, credit, label, aux_number, aux_label,
                lettering, lettering_date, currency_amount, currency)`,
      [
        organisationId,
        pgArray(lines.map((l) => ids.get(l.position))),
        pgArray(lines.map((l) => l.lineNo)),
        pgArray(lines.map((l) => accountIds.get(l.parsed.account))),
        pgArray(lines.map((l) => l.parsed.account)),
        pgArray(lines.map((l) => l.parsed.date)),
        pgArray(lines.map((l) => centsToDecimal(l.parsed.debit))),
        pgArray(lines.map((l) => centsToDecimal(l.parsed.credit))),
        pgArray(lines.map((l) => l.parsed.label)),
        pgArray(lines.map((l) => l.parsed.auxNumber)),
        pgArray(lines.map((l) => l.parsed.auxLabel)),
        pgArray(lines.map((l) => l.parsed.lettering)),
        pgArray(lines.map((l) => l.parsed.letteringDate)),
        pgArray(
          lines.map((l) =>
            l.parsed.currencyAmount === null ? null : centsToDecimal(l.parsed.currencyAmount)
          )
        ),
        pgArray(lines.map((l) => l.parsed.currency)),
      ] as never[]
    )
    await recordEvent({
      domain: 'accounting',
      action: 'import',
      subjectType: 'entries',
      subjectId: importId,
      summary: `Import FEC ${fileName} : ${entries.length} écriture(s), ${lines.length} ligne(s) (positions ${entries[0].position}–${entries[entries.length - 1].position})`,
      organisationId,
      trx,
    })
    entries = []
    lines = []
  }

  const layout = analysis.layout!
  const discard = new Issues(0)
  let currentKey = ''
  let written = 0
  const meter = new ProgressMeter(options, 'écriture', analysis.lines)
  await meter.start()
  for await (const { line, text } of readTextLines(path, analysis.encoding)) {
    if (line === 1 || text.trim() === '') continue
    written++
    await meter.tick(written, written)
    const parsed = parseLine(text.split(layout.separator), line, layout, discard)!
    const key = `${parsed.journalCode}\u0000${parsed.number}`
    if (key !== currentKey) {
      sealGroup()
      currentKey = key
      if (lines.length >= BATCH_LINES) await flush()
    }
    group.push(parsed)
  }
  sealGroup()
  await flush()

  for (const [journalId, last] of maxSequence) {
    await trx.rawQuery(
      `INSERT INTO journal_sequences (organisation_id, journal_id, fiscal_year_id, last_number) VALUES (?, ?, ?, ?)
       ON CONFLICT (journal_id, fiscal_year_id) DO UPDATE SET last_number = GREATEST(journal_sequences.last_number, EXCLUDED.last_number)`,
      [organisationId, journalId, year.id, last]
    )
  }
  await moveChainHead(trx, organisationId, position, previous)
  await meter.end()
  if (options.importId) {
    await trx
      .from('imports')
      .where({ id: importId, organisation_id: organisationId })
      .update({ ...importValues, progress_done: analysis.lines, progress_total: analysis.lines })
  }
  // Fire the deferred balance checks now: an error at COMMIT would be swallowed by knex.
  await trx.rawQuery('SET CONSTRAINTS ledger_pending_checks_at_commit IMMEDIATE')
  await trx.rawQuery('SET CONSTRAINTS ledger_pending_checks_at_commit DEFERRED')
  return { importId, accountsCreated, journalsCreated }
}
