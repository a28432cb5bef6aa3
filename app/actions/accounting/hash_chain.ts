import { createHash } from 'node:crypto'

/**
 * Canonical form of a validated entry for the hash chain. Every field that makes the entry
 * (journal, number, dates, label, piece, and each line's account, amounts and date) is written
 * in a fixed order with fixed formats, so the same entry always gives the same string.
 */
export interface HashableEntry {
  organisationId: number
  journalId: number
  fiscalYearId: number
  number: string
  entryDate: string
  label: string
  pieceRef: string | null
  pieceDate: string | null
}

export interface HashableLine {
  accountNumber: string
  /** Amounts as canonical decimal strings with two decimals: "1234.50". */
  debit: string
  credit: string
  entryDate: string
}

const SEPARATORS = /[\\|\n]/

function field(value: string | number | null) {
  if (value === null) return '\\N'
  const text = String(value)
  // Escape the separators so that no two different entries give the same string (most fields
  // have none: a million-line import calls this some five million times).
  return SEPARATORS.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\|/g, '\\p').replace(/\n/g, '\\n')
    : text
}

export function canonicalEntry(entry: HashableEntry, lines: HashableLine[]) {
  const head = [
    'E1',
    entry.organisationId,
    entry.journalId,
    entry.fiscalYearId,
    entry.number,
    entry.entryDate,
    entry.label,
    entry.pieceRef,
    entry.pieceDate,
  ]
    .map(field)
    .join('|')
  const body = lines
    .map((line) =>
      ['L', line.accountNumber, line.debit, line.credit, line.entryDate].map(field).join('|')
    )
    .join('\n')
  return `${head}\n${body}`
}

export function chainHash(
  previousHash: string | null,
  entry: HashableEntry,
  lines: HashableLine[]
) {
  return createHash('sha256')
    .update(previousHash ?? 'GENESIS')
    .update('\n')
    .update(canonicalEntry(entry, lines))
    .digest('hex')
}

/** numeric(15,2) text from PostgreSQL or a Decimal, as the canonical "123.40". */
export function canonicalAmount(value: { toFixed(n: number): string } | string) {
  if (typeof value === 'string') {
    const [int, frac = ''] = value.split('.')
    return `${int}.${(frac + '00').slice(0, 2)}`
  }
  return value.toFixed(2)
}
