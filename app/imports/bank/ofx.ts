import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import {
  isoDay,
  refuse,
  StatementRefusal,
  type ParsedOperation,
  type ParsedStatement,
  type StatementIssue,
} from '#imports/bank/statement'

const AMOUNT = /^[+-]?\d{1,13}([.,]\d{1,2})?$/

/** Line numbers (1-based) of offsets of the text, by binary search over its line starts. */
function lineFinder(text: string) {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset: number) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle] <= offset) low = middle
      else high = middle - 1
    }
    return low + 1
  }
}

/** The text of a leaf element of an OFX aggregate: SGML (`<NAME>value`) or XML (`<NAME>value</NAME>`). */
function leaf(block: string, name: string): string | null {
  const match = block.match(new RegExp(`<${name}>([^<\\r\\n]*)`, 'i'))
  if (!match) return null
  const value = match[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
  return value === '' ? null : value
}

/** The content of an aggregate (`<NAME>…</NAME>`, closed in both OFX 1.x and 2.x). */
function aggregate(text: string, name: string): string | null {
  const match = text.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'i'))
  return match ? match[1] : null
}

/** `20230131`, `20230131120000[+1:CET]`: the day. */
function ofxDay(value: string | null) {
  const match = value?.match(/^(\d{4})(\d{2})(\d{2})/)
  return match ? isoDay(`${match[1]}-${match[2]}-${match[3]}`) : null
}

/**
 * Reads an OFX bank statement, SGML (OFX 1.x) or XML (OFX 2.x): the account (BANKACCTFROM/
 * ACCTID), the currency (CURDEF), the ledger balance (LEDGERBAL) and each transaction
 * (STMTTRN: DTPOSTED, TRNAMT, FITID, NAME, MEMO). OFX gives no opening balance: it is the
 * ledger balance less the transactions. Problems are reported with their line.
 */
export function readOfx(text: string): ParsedStatement {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    refuse('en-tête OFX', 'déclaration DOCTYPE ou ENTITY interdite dans un relevé')
  }
  if (!/<OFX>/i.test(text))
    refuse('ligne 1', 'ce fichier n’est pas un relevé OFX (balise <OFX> absente)')
  const statements = text.match(/<STMTRS>/gi) ?? []
  if (statements.length !== 1) {
    refuse(
      'STMTRS',
      statements.length
        ? 'un seul relevé par fichier est accepté'
        : 'aucun relevé bancaire (STMTRS) dans le fichier'
    )
  }
  const statement = aggregate(text, 'STMTRS')
  if (statement === null) refuse('STMTRS', 'relevé bancaire non fermé (</STMTRS> absent)')
  const issues: StatementIssue[] = []

  const account = aggregate(statement, 'BANKACCTFROM')
  const accountId = account ? leaf(account, 'ACCTID') : null
  if (accountId === null)
    issues.push({ where: 'BANKACCTFROM/ACCTID', reason: 'numéro de compte absent' })
  const currency = leaf(statement, 'CURDEF')
  if (currency === null) issues.push({ where: 'CURDEF', reason: 'devise du relevé absente' })

  const ledger = aggregate(statement, 'LEDGERBAL')
  const balanceText = ledger ? leaf(ledger, 'BALAMT') : null
  let closingBalance: Decimal | null = null
  if (balanceText === null || !AMOUNT.test(balanceText)) {
    issues.push({
      where: 'LEDGERBAL/BALAMT',
      reason: `solde absent ou invalide : « ${balanceText ?? ''} »`,
    })
  } else {
    closingBalance = toMoney(balanceText.replace(',', '.'))
  }

  const opened = statement.match(/<STMTTRN>/gi)?.length ?? 0
  const closed = statement.match(/<\/STMTTRN>/gi)?.length ?? 0
  if (opened !== closed) refuse('STMTTRN', 'transaction non fermée (</STMTTRN> absent)')
  const lineAt = lineFinder(text)
  const operations: ParsedOperation[] = []
  const base = text.indexOf(statement)
  const pattern = /<STMTTRN>([\s\S]*?)<\/STMTTRN>/gi
  let index = 0
  for (let match = pattern.exec(statement); match; match = pattern.exec(statement)) {
    index++
    const where = `STMTTRN n° ${index} (ligne ${lineAt(base + match.index)})`
    const block = match[1]
    const amountText = leaf(block, 'TRNAMT')
    const bookingDate = ofxDay(leaf(block, 'DTPOSTED'))
    if (amountText === null || !AMOUNT.test(amountText)) {
      issues.push({
        where: `${where}/TRNAMT`,
        reason: `montant absent ou invalide : « ${amountText ?? ''} »`,
      })
      continue
    }
    if (bookingDate === null) {
      issues.push({ where: `${where}/DTPOSTED`, reason: 'date absente ou invalide' })
      continue
    }
    const amount = toMoney(amountText.replace(',', '.'))
    if (amount.isZero()) {
      issues.push({ where: `${where}/TRNAMT`, reason: 'montant nul' })
      continue
    }
    const name = leaf(block, 'NAME')
    const memo = leaf(block, 'MEMO')
    operations.push({
      bookingDate,
      valueDate: ofxDay(leaf(block, 'DTUSER')),
      label: ([name, memo].filter(Boolean).join(' ') || 'Opération sans libellé').slice(0, 500),
      amount,
      reference: leaf(block, 'FITID'),
      counterparty: name,
      where,
    })
  }
  if (issues.length) throw new StatementRefusal(issues)

  const list = aggregate(statement, 'BANKTRANLIST') ?? ''
  const days = operations.map((operation) => operation.bookingDate).sort()
  const openingDate = ofxDay(leaf(list, 'DTSTART')) ?? days[0]
  const closingDate =
    ofxDay(leaf(list, 'DTEND')) ?? ofxDay(ledger ? leaf(ledger, 'DTASOF') : null) ?? days.at(-1)
  if (!openingDate || !closingDate) {
    refuse('BANKTRANLIST', 'période du relevé absente (DTSTART, DTEND) et aucune opération')
  }
  return {
    format: 'ofx',
    accountId,
    currency,
    reference: `OFX ${openingDate} – ${closingDate}`,
    openingDate,
    closingDate,
    openingBalance: null,
    closingBalance,
    operations,
  }
}
