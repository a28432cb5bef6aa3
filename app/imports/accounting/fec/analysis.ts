/**
 * The one reading of the file: every line parsed and checked, each entry (JournalCode +
 * EcritureNum, its lines following each other) balanced, dated in the fiscal year, new to the file
 * and to the ledger. While the file has no error, each checked line is handed to a sink (the
 * writer, inside the import's transaction); from the first error on, nothing more is handed and
 * the transaction is rolled back at the end, so that every error is still reported. Memory grows
 * with the number of entries (one key each), never with the lines.
 */
import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { fiscalYearName } from '#support/french_format'
import { centsToDecimal, readTextLines, type FecEncoding } from './format.js'
import {
  detached,
  parseHeader,
  parseLine,
  type Issues,
  type Layout,
  type ParsedLine,
} from './lines.js'
import type { ProgressMeter } from './progress.js'

export interface FiscalYearRow {
  id: number
  label: string
  status: string
  start_date: string
  end_date: string
}

export interface Analysis {
  layout: Layout | null
  encoding: FecEncoding
  sha256: string
  lines: number
  entries: number
  totalDebit: bigint
  totalCredit: bigint
  journals: Map<string, string>
  accounts: Map<string, string>
  /** Entries whose number the ledger already holds (each reported at its first line). */
  clashes: number
}

export const NUMBER_TAKEN = 'ce numéro d’écriture existe déjà dans ce journal pour cet exercice'

const entryKey = (code: string, number: string) => `${code}\u0000${number}`

function frDate(iso: string) {
  return iso.split('-').reverse().join('/')
}

function money(cents: bigint) {
  return centsToDecimal(cents).replace('.', ',')
}

/** Journal code + number of every numbered entry of the fiscal year already in the ledger. */
export async function numbersInLedger(organisationId: number, fiscalYearId: number) {
  const { rows } = await db.rawQuery(
    `SELECT j.code, e.number FROM entries e
       JOIN journals j ON j.organisation_id = e.organisation_id AND j.id = e.journal_id
      WHERE e.organisation_id = ? AND e.fiscal_year_id = ? AND e.number IS NOT NULL`,
    [organisationId, fiscalYearId]
  )
  return new Set<string>(
    rows.map((row: { code: string; number: string }) => entryKey(row.code, row.number))
  )
}

/**
 * Where checked lines go while the file has no error. An entry's lines arrive together, in file
 * order; an entry is complete (balanced, one date, its number new) when the next one starts or
 * when the file ends. Returns a promise only when it has to be awaited (a batch sent).
 */
export interface LineSink {
  take(line: ParsedLine): Promise<void> | undefined
}

interface OpenEntry {
  key: string
  line: number
  date: string
  debit: bigint
  credit: bigint
  count: number
  code: string
  number: string
}

export async function analyse(
  path: string,
  encoding: FecEncoding,
  year: FiscalYearRow | null,
  taken: Set<string>,
  issues: Issues,
  meter: ProgressMeter,
  sink?: LineSink
): Promise<Analysis> {
  const hash = createHash('sha256')
  let bytes = 0
  let layout: Layout | null = null
  let lines = 0
  let entries = 0
  let clashes = 0
  const journals = new Map<string, string>()
  const accounts = new Map<string, string>()
  const seen = new Set<string>()
  let current: OpenEntry | null = null
  let totalDebit = 0n
  let totalCredit = 0n

  const closeEntry = () => {
    if (!current) return
    const ref = `${current.code} ${current.number}`
    if (current.count < 2)
      issues.add(current.line, 'EcritureNum', ref, 'une écriture compte au moins deux lignes')
    if (current.debit !== current.credit) {
      issues.add(
        current.line,
        'Debit/Credit',
        `${ref} : débit ${money(current.debit)}, crédit ${money(current.credit)}`,
        `écriture déséquilibrée (écart ${money(current.debit - current.credit)})`
      )
    }
  }

  await meter.start()
  file: for await (const batch of readTextLines(path, encoding, (chunk) => {
    hash.update(chunk)
    bytes += chunk.length
  })) {
    for (const [offset, text] of batch.texts.entries()) {
      const line = batch.first + offset
      const report = meter.tick(line, bytes)
      if (report) await report
      if (line === 1) {
        layout = parseHeader(text, issues)
        if (!layout) break file
        continue
      }
      if (text.trim() === '') continue
      lines++
      const parsed = parseLine(text, line, layout!, issues)
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
      if (!journals.has(parsed.journalCode))
        journals.set(detached(parsed.journalCode), detached(parsed.journalLib))
      if (!accounts.has(parsed.account))
        accounts.set(detached(parsed.account), detached(parsed.accountLib))
      const key = entryKey(parsed.journalCode, parsed.number)
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
        if (sink && issues.count === 0) {
          const taking = sink.take(parsed)
          if (taking) await taking
        }
        continue
      }
      closeEntry()
      const ref = `${parsed.journalCode} ${parsed.number}`
      if (seen.has(key)) {
        issues.add(
          line,
          'EcritureNum',
          ref,
          'les lignes de cette écriture ne se suivent pas dans le fichier (numéro déjà rencontré plus haut)'
        )
      } else if (taken.has(key)) {
        clashes++
        issues.add(line, 'EcritureNum', ref, NUMBER_TAKEN)
      }
      seen.add(key)
      entries++
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
      if (sink && issues.count === 0) {
        const taking = sink.take(parsed)
        if (taking) await taking
      }
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
    entries,
    totalDebit,
    totalCredit,
    journals,
    accounts,
    clashes,
  }
}
