import type { Decimal } from 'decimal.js'
import { RuleError } from '#support/domain_errors'
import { toIsoCalendarDate } from '#support/french_format'
import type { STATEMENT_FORMATS } from '#vocabulary/bank'

export type StatementFormat = keyof typeof STATEMENT_FORMATS

/** One operation read from a statement file; `where` names its line or XML element. */
export interface ParsedOperation {
  bookingDate: string
  valueDate: string | null
  label: string
  /** Signed from the account's side: a credit to the account is positive. */
  amount: Decimal
  reference: string | null
  counterparty: string | null
  where: string
}

/** A statement file read into one shape, whatever its format. */
export interface ParsedStatement {
  format: StatementFormat
  /** The account the file is about, as the file names it (IBAN, or an OFX ACCTID). */
  accountId: string | null
  currency: string | null
  reference: string
  openingDate: string
  closingDate: string
  /** Null when the file gives none (OFX, CSV): it is then derived from the closing balance. */
  openingBalance: Decimal | null
  /** Null when the file gives none (CSV): it is then derived from the previous statement. */
  closingBalance: Decimal | null
  operations: ParsedOperation[]
}

export interface StatementIssue {
  /** A line ("ligne 12, colonne Montant") or an XML element path. */
  where: string
  reason: string
}

const SHOWN_ISSUES = 20

/** A statement file refused: nothing is stored, the issues say where and why. */
export class StatementRefusal extends RuleError {
  constructor(readonly issues: StatementIssue[]) {
    const shown = issues.slice(0, SHOWN_ISSUES).map((issue) => `${issue.where} : ${issue.reason}`)
    const more = issues.length > SHOWN_ISSUES ? ` (et ${issues.length - SHOWN_ISSUES} autres)` : ''
    super(`Relevé refusé, rien n’a été enregistré. ${shown.join(' ; ')}${more}`)
  }
}

export function refuse(where: string, reason: string): never {
  throw new StatementRefusal([{ where, reason }])
}

/** Bank references and labels compared without case, accents or repeated spaces. */
export function normaliseText(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The key that recognises an operation imported twice: the bank's own reference when the file
 * gives one, else the booking date, the amount and the label.
 */
export function dedupKey(operation: ParsedOperation) {
  if (operation.reference) return `ref:${normaliseText(operation.reference)}`
  return `op:${operation.bookingDate}|${operation.amount.toFixed(2)}|${normaliseText(operation.label)}`
}

/** A 'YYYY-MM-DD' day that exists, or null. */
export function isoDay(text: string | null): string | null {
  if (text === null || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  try {
    return toIsoCalendarDate(text)
  } catch {
    return null
  }
}
