import type { Decimal } from 'decimal.js'
import { parseFrenchAmount, toMoney } from '#support/money'

/**
 * The grand livre's search box (?q=), one rule written twice side by side: as SQL for the page
 * (which pages and totals in PostgreSQL) and as a predicate for the workbook (which streams
 * every line to keep running balances). A line is kept when its label, piece reference, entry
 * number or journal contains the text (case ignored), when the text is an amount equal to its
 * debit or credit ("1 234,56"), or a date equal to its date ("15/03/2023").
 */
export interface LedgerSearch {
  text: string
  amount: Decimal | null
  /** YYYY-MM-DD */
  date: string | null
  /** Over the columns of the page query (r.label, r.piece_ref, r.number, r.journal_code...). */
  sql: string
  bindings: string[]
}

const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/

function amountOf(text: string) {
  if (!/\d/.test(text)) return null
  try {
    return parseFrenchAmount(text)
  } catch {
    return null
  }
}

/** `%`, `_` and `\` are literal in the search text. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export function ledgerSearch(input: string): LedgerSearch {
  const text = input.trim()
  if (!text) return { text, amount: null, date: null, sql: 'true', bindings: [] }
  const amount = amountOf(text)
  const day = FRENCH_DATE.exec(text)
  const date = day ? `${day[3]}-${day[2]}-${day[1]}` : null
  const like = likePattern(text)
  const clauses = ['r.label', 'r.piece_ref', 'r.number', 'r.journal_code'].map(
    (column) => `${column} ILIKE ?`
  )
  const bindings = [like, like, like, like]
  if (amount) {
    clauses.push('r.debit = ?::numeric', 'r.credit = ?::numeric')
    bindings.push(amount.toFixed(2), amount.toFixed(2))
  }
  if (date) {
    clauses.push('r.entry_date = ?')
    bindings.push(date)
  }
  return { text, amount, date, sql: clauses.join(' OR '), bindings }
}

export function matchesLedgerSearch(
  row: {
    label: string | null
    piece_ref: string | null
    number: string | null
    journal_code: string
    entry_date: string
    debit: Decimal | string
    credit: Decimal | string
  },
  search: LedgerSearch
) {
  if (!search.text) return true
  const needle = search.text.toLocaleLowerCase('fr')
  const texts = [row.label, row.piece_ref, row.number, row.journal_code]
  if (texts.some((t) => t !== null && t.toLocaleLowerCase('fr').includes(needle))) return true
  if (
    search.amount &&
    (toMoney(row.debit).eq(search.amount) || toMoney(row.credit).eq(search.amount))
  )
    return true
  return search.date !== null && row.entry_date === search.date
}
