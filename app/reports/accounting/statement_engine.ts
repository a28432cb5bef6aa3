import { type Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import type { Formula, LineKind, RangeSpec, Section } from '#reference/layout_notation'

/** One line of a layout as stored in statement_lines. */
export interface LayoutLine {
  id: number
  code: string
  label: string
  section: Section
  kind: LineKind
  level: number
  ofWhich: boolean
  sign: 1 | -1
  ranges: RangeSpec[]
  formula: Formula | null
}

/** Per line and per column: amount shown, and for the actif its gross and depreciation parts. */
export interface LineAmount {
  amount: Decimal
  gross: Decimal
  depreciation: Decimal
  /** Accounts that make up the line (leaf lines only), amount as shown on the line. */
  accounts: Map<string, Decimal>
}

function matches(number: string, balance: Decimal, range: RangeSpec) {
  if (!number.startsWith(range.prefix)) return false
  if (range.side === 'debit') return balance.gt(0)
  if (range.side === 'credit') return balance.lt(0)
  return true
}

/** Which leaf line ranges take an account, or null when the account is excluded. */
export function lineTakesAccount(line: LayoutLine, number: string, balance: Decimal) {
  if (line.ranges.some((r) => r.exclude && number.startsWith(r.prefix))) return null
  return line.ranges.find((r) => !r.exclude && matches(number, balance, r)) ?? null
}

/**
 * Applies a layout to the balances of accounts (debit − credit, one figure per account): the
 * per-account totals come from one SQL aggregate; this maps a few hundred of them, never ledger
 * lines.
 */
export function computeLayout(
  lines: LayoutLine[],
  balances: Map<string, Decimal>,
  leafAmounts?: Map<string, Decimal>,
  reclassify?: (number: string) => string | null
) {
  const result = new Map<string, LineAmount>()
  const byCode = new Map(lines.map((line) => [line.code, line]))
  const used = new Map<string, string[]>()

  // An account that no line takes may be read as another one (N-1 accounts abolished by the
  // chart of the current year): it keeps its own number in the detail of the line.
  const readAs = new Map<string, string>()
  if (reclassify && !leafAmounts) {
    const leaves = lines.filter((line) => !line.formula && line.kind !== 'heading')
    const taken = (number: string, balance: Decimal) =>
      leaves.some((line) => lineTakesAccount(line, number, balance))
    for (const [number, balance] of balances) {
      if (balance.isZero() || taken(number, balance)) continue
      const target = reclassify(number)
      if (target && taken(target, balance)) readAs.set(number, target)
    }
  }

  for (const line of lines) {
    if (line.formula || line.kind === 'heading') continue
    if (leafAmounts) {
      const amount = leafAmounts.get(line.code) ?? ZERO
      result.set(line.code, { amount, gross: amount, depreciation: ZERO, accounts: new Map() })
      continue
    }
    let gross = ZERO
    let depreciation = ZERO
    const accounts = new Map<string, Decimal>()
    for (const [number, balance] of balances) {
      if (balance.isZero()) continue
      const range = lineTakesAccount(line, readAs.get(number) ?? number, balance)
      if (!range) continue
      used.set(number, [...(used.get(number) ?? []), line.code])
      if (range.part === 'depreciation') {
        depreciation = depreciation.minus(balance)
        accounts.set(number, balance.neg())
      } else {
        const shown = balance.times(line.sign)
        gross = gross.plus(shown)
        accounts.set(number, shown)
      }
    }
    result.set(line.code, { amount: gross.minus(depreciation), gross, depreciation, accounts })
  }

  const evaluating = new Set<string>()
  const evaluate = (code: string): LineAmount => {
    const done = result.get(code)
    if (done) return done
    const line = byCode.get(code)
    if (!line) throw new Error(`Ligne inconnue dans une formule : ${code}`)
    if (!line.formula) {
      const empty = { amount: ZERO, gross: ZERO, depreciation: ZERO, accounts: new Map() }
      result.set(code, empty)
      return empty
    }
    if (evaluating.has(code)) throw new Error(`Formule circulaire : ${code}`)
    evaluating.add(code)
    let amount = ZERO
    let gross = ZERO
    let depreciation = ZERO
    for (const term of line.formula.terms) {
      const part = evaluate(term.code)
      amount = amount.plus(part.amount.times(term.sign))
      gross = gross.plus(part.gross.times(term.sign))
      depreciation = depreciation.plus(part.depreciation.times(term.sign))
    }
    if (line.formula.clamp === 'positive' && amount.lt(0)) {
      amount = ZERO
      gross = ZERO
      depreciation = ZERO
    }
    evaluating.delete(code)
    const value = { amount, gross, depreciation, accounts: new Map<string, Decimal>() }
    result.set(code, value)
    return value
  }
  for (const line of lines) if (line.kind !== 'heading') evaluate(line.code)

  // Accounts with a balance that no line takes: shown as a warning on the statement.
  const unmapped: Array<{ number: string; balance: Decimal }> = []
  for (const [number, balance] of balances) {
    if (!balance.isZero() && !used.has(number)) unmapped.push({ number, balance })
  }
  const reclassified = [...readAs].map(([number, as]) => ({
    number,
    as,
    balance: balances.get(number)!,
  }))
  return { amounts: result, unmapped, usage: used, reclassified }
}

export function sumBalances(rows: Array<{ account_number: string; balance: string }>) {
  const map = new Map<string, Decimal>()
  for (const row of rows) {
    map.set(row.account_number, (map.get(row.account_number) ?? ZERO).plus(toMoney(row.balance)))
  }
  return map
}
