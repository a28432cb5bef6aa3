import type { Decimal } from 'decimal.js'
import { ZERO } from '#support/money'
import { normaliseHeader } from '#imports/core/row_reader'
import {
  readAmount,
  readDate,
  readText,
  SpreadsheetError,
  type SheetRow,
} from '#support/spreadsheet/reader'
import { readCsvRows } from '#support/spreadsheet/csv_reader'
import {
  refuse,
  StatementRefusal,
  type ParsedOperation,
  type ParsedStatement,
  type StatementIssue,
} from '#imports/bank/statement'

/** The columns of a bank's CSV export, by their header, saved with the bank account. */
export interface CsvMapping {
  date: string
  valueDate: string | null
  label: string
  /** One signed amount column, or a debit and a credit column. */
  amount: string | null
  debit: string | null
  credit: string | null
  reference: string | null
}

const MAX_ROWS = 50_000

type Field = keyof CsvMapping

/**
 * Reads a bank's CSV export with the account's saved mapping: French formats (`;`, `31/12/2023`,
 * `1 234,56`), UTF-8 or Latin-1, read by the spreadsheet pipeline's CSV reader. A CSV carries
 * no balance: the statement continues the previous one. Every unreadable cell is reported with
 * its line and column header.
 */
export async function readCsvStatement(
  path: string,
  mapping: CsvMapping
): Promise<ParsedStatement> {
  const issues: StatementIssue[] = []
  const operations: ParsedOperation[] = []
  let positions: Map<Field, number> | null = null
  try {
    for await (const row of readCsvRows(path)) {
      if (positions === null) {
        positions = headerPositions(row, mapping, issues)
        if (issues.length) break
        continue
      }
      if (operations.length + issues.length >= MAX_ROWS) {
        refuse(`ligne ${row.line}`, `le fichier dépasse la limite de ${MAX_ROWS} lignes`)
      }
      const operation = readOperation(row, positions, mapping, issues)
      if (operation) operations.push(operation)
      if (issues.length >= 200) break
    }
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error
    issues.push({ where: error.line ? `ligne ${error.line}` : 'fichier', reason: error.reason })
  }
  if (positions === null && issues.length === 0) refuse('fichier', 'le fichier est vide')
  if (issues.length) throw new StatementRefusal(issues)
  if (operations.length === 0) refuse('fichier', 'le fichier ne contient aucune opération')
  const days = operations.map((operation) => operation.bookingDate).sort()
  return {
    format: 'csv',
    accountId: null,
    currency: null,
    reference: `CSV ${days[0]} – ${days.at(-1)}`,
    openingDate: days[0],
    closingDate: days.at(-1)!,
    openingBalance: null,
    closingBalance: null,
    operations,
  }
}

function headerPositions(row: SheetRow, mapping: CsvMapping, issues: StatementIssue[]) {
  const byName = new Map<string, number>()
  row.cells.forEach((_, index) => {
    const header = readText(row, index)
    if (header) byName.set(normaliseHeader(header), index)
  })
  const positions = new Map<Field, number>()
  for (const [field, header] of Object.entries(mapping) as Array<[Field, string | null]>) {
    if (!header) continue
    const index = byName.get(normaliseHeader(header))
    if (index === undefined) {
      issues.push({
        where: `ligne ${row.line}`,
        reason: `colonne « ${header} » absente de la ligne d’en-tête`,
      })
    } else {
      positions.set(field, index)
    }
  }
  return positions
}

function readOperation(
  row: SheetRow,
  positions: Map<Field, number>,
  mapping: CsvMapping,
  issues: StatementIssue[]
): ParsedOperation | null {
  const where = `ligne ${row.line}`
  const cell = <T>(field: Field, read: (row: SheetRow, index: number) => T): T | null => {
    const index = positions.get(field)
    if (index === undefined) return null
    try {
      return read(row, index)
    } catch (error) {
      if (!(error instanceof SpreadsheetError)) throw error
      issues.push({ where: `${where}, colonne ${mapping[field]}`, reason: error.reason })
      return null
    }
  }
  const before = issues.length
  const date = cell('date', readDate)
  const valueDate = cell('valueDate', readDate)
  const label = cell('label', readText)
  const reference = cell('reference', readText)
  let amount: Decimal | null
  if (mapping.amount) {
    amount = cell('amount', readAmount)
  } else {
    const debit = cell('debit', readAmount)
    const credit = cell('credit', readAmount)
    amount =
      debit === null && credit === null ? null : (credit?.abs() ?? ZERO).minus(debit?.abs() ?? ZERO)
  }
  if (issues.length > before) return null
  if (date === null) {
    issues.push({ where: `${where}, colonne ${mapping.date}`, reason: 'date manquante' })
    return null
  }
  if (amount === null || amount.isZero()) {
    issues.push({ where, reason: 'montant manquant ou nul' })
    return null
  }
  if (amount.decimalPlaces() > 2) {
    issues.push({ where, reason: 'montant avec plus de deux décimales' })
    return null
  }
  return {
    bookingDate: date.toISODate()!,
    valueDate: valueDate?.toISODate() ?? null,
    label: (label ?? 'Opération sans libellé').slice(0, 500),
    amount,
    reference,
    counterparty: null,
    where,
  }
}
