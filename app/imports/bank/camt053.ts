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
import { at, attributeOf, listOf, parseXml, textOf, type XmlValue } from '#imports/bank/xml'

const ROOT = 'Document/BkToCstmrStmt/Stmt'
const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/
const DAY = /^(\d{4}-\d{2}-\d{2})/

/**
 * Reads an ISO 20022 CAMT.053 statement (bank to customer statement): the account's IBAN and
 * currency, the booked opening and closing balances (OPBD, CLBD), and each entry (Ntry) with
 * its amount, credit/debit indicator, booking and value dates, bank reference (AcctSvcrRef),
 * remittance text and counterparty. Every problem is reported with its element path.
 */
export function readCamt053(text: string): ParsedStatement {
  const document = parseXml(text, ['Stmt', 'Bal', 'Ntry', 'TxDtls', 'Ustrd'])
  const statements = listOf(at(document, 'Document', 'BkToCstmrStmt'), 'Stmt')
  if (statements.length === 0) refuse(ROOT, 'aucun relevé (élément Stmt) dans le fichier')
  if (statements.length > 1) refuse(ROOT, 'un seul relevé (Stmt) par fichier est accepté')
  const statement = statements[0]
  const issues: StatementIssue[] = []

  const amountOf = (node: XmlValue | null, where: string): Decimal | null => {
    const value = textOf(node)
    if (value === null || !AMOUNT.test(value)) {
      issues.push({ where, reason: `montant absent ou invalide : « ${value ?? ''} »` })
      return null
    }
    const currency = attributeOf(node, 'Ccy')
    if (currency !== null && currency !== 'EUR') {
      issues.push({
        where,
        reason: `devise ${currency} : seuls les relevés en euros sont acceptés`,
      })
    }
    return toMoney(value)
  }
  const signed = (amount: Decimal | null, node: XmlValue | null, where: string) => {
    const indicator = textOf(at(node, 'CdtDbtInd'))
    if (indicator !== 'CRDT' && indicator !== 'DBIT') {
      issues.push({ where: `${where}/CdtDbtInd`, reason: 'CRDT ou DBIT attendu' })
      return null
    }
    return amount && (indicator === 'DBIT' ? amount.negated() : amount)
  }
  const dayOf = (node: XmlValue | null, where: string, required: boolean) => {
    const value = textOf(at(node, 'Dt')) ?? textOf(at(node, 'DtTm'))
    const day = isoDay(value?.match(DAY)?.[1] ?? null)
    if (day === null) {
      if (required || value !== null) issues.push({ where, reason: 'date absente ou invalide' })
      return null
    }
    return day
  }

  const currency = textOf(at(statement, 'Acct', 'Ccy'))
  const iban = textOf(at(statement, 'Acct', 'Id', 'IBAN'))
  if (iban === null) issues.push({ where: `${ROOT}/Acct/Id/IBAN`, reason: 'IBAN du compte absent' })

  const balances: Record<string, { amount: Decimal | null; day: string | null }> = {}
  listOf(statement, 'Bal').forEach((balance, index) => {
    const code = textOf(at(balance, 'Tp', 'CdOrPrtry', 'Cd'))
    if (code !== 'OPBD' && code !== 'CLBD') return
    const where = `${ROOT}/Bal[${index + 1}]`
    balances[code] = {
      amount: signed(amountOf(at(balance, 'Amt'), `${where}/Amt`), balance, where),
      day: dayOf(at(balance, 'Dt'), `${where}/Dt`, true),
    }
  })
  for (const code of ['OPBD', 'CLBD']) {
    if (!balances[code]) issues.push({ where: `${ROOT}/Bal`, reason: `solde ${code} absent` })
  }

  const operations: ParsedOperation[] = []
  listOf(statement, 'Ntry').forEach((entry, index) => {
    const where = `${ROOT}/Ntry[${index + 1}]`
    const status = textOf(at(entry, 'Sts', 'Cd')) ?? textOf(at(entry, 'Sts'))
    if (status !== null && status !== 'BOOK') return
    const amount = signed(amountOf(at(entry, 'Amt'), `${where}/Amt`), entry, where)
    const bookingDate = dayOf(at(entry, 'BookgDt'), `${where}/BookgDt`, true)
    const valueDate = dayOf(at(entry, 'ValDt'), `${where}/ValDt`, false)
    const details = at(entry, 'NtryDtls', 'TxDtls')
    const remittance = listOf(at(details, 'RmtInf'), 'Ustrd')
      .map(textOf)
      .filter((line): line is string => line !== null)
      .join(' ')
    const party = textOf(at(entry, 'CdtDbtInd')) === 'CRDT' ? 'Dbtr' : 'Cdtr'
    const counterparty =
      textOf(at(details, 'RltdPties', party, 'Nm')) ??
      textOf(at(details, 'RltdPties', party, 'Pty', 'Nm'))
    const label =
      remittance || textOf(at(entry, 'AddtlNtryInf')) || counterparty || 'Opération sans libellé'
    if (amount === null || bookingDate === null) return
    if (amount.isZero()) {
      issues.push({ where: `${where}/Amt`, reason: 'montant nul' })
      return
    }
    operations.push({
      bookingDate,
      valueDate,
      label: label.slice(0, 500),
      amount,
      reference:
        textOf(at(entry, 'AcctSvcrRef')) ?? textOf(at(details, 'Refs', 'AcctSvcrRef')) ?? null,
      counterparty,
      where,
    })
  })
  if (issues.length) throw new StatementRefusal(issues)

  return {
    format: 'camt053',
    accountId: iban,
    currency,
    reference: textOf(at(statement, 'Id')) ?? textOf(at(statement, 'ElctrncSeqNb')) ?? 'CAMT.053',
    openingDate: balances.OPBD.day!,
    closingDate: balances.CLBD.day!,
    openingBalance: balances.OPBD.amount,
    closingBalance: balances.CLBD.amount,
    operations,
  }
}
