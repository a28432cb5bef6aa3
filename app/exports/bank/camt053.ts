import type { Decimal } from 'decimal.js'
import { sumMoney } from '#support/money'

export interface Camt053Entry {
  bookingDate: string
  valueDate?: string
  amount: Decimal
  label: string
  reference?: string | null
  counterparty?: string | null
}

export interface Camt053Statement {
  iban: string
  reference: string
  currency?: string
  openingDate: string
  closingDate: string
  openingBalance: Decimal
  /** The closing balance printed; opening plus the entries when not given. */
  closingBalance?: Decimal
  entries: Camt053Entry[]
}

function escape(text: string) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function balance(code: string, amount: Decimal, day: string, currency: string) {
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${amount.abs().toFixed(2)}</Amt><CdtDbtInd>${amount.isNegative() ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${day}</Dt></Dt></Bal>`
}

/**
 * Writes a CAMT.053 (camt.053.001.02) bank-to-customer statement: the demo's statements are
 * made from its ledger's bank lines, and the tests' samples with it.
 */
export function writeCamt053(statement: Camt053Statement) {
  const currency = statement.currency ?? 'EUR'
  const closing =
    statement.closingBalance ??
    statement.openingBalance.plus(sumMoney(statement.entries.map((entry) => entry.amount)))
  const entries = statement.entries.map((entry) => {
    const credit = !entry.amount.isNegative()
    const party = entry.counterparty
      ? `<RltdPties><${credit ? 'Dbtr' : 'Cdtr'}><Nm>${escape(entry.counterparty)}</Nm></${credit ? 'Dbtr' : 'Cdtr'}></RltdPties>`
      : ''
    return `<Ntry>${entry.reference ? `<NtryRef>${escape(entry.reference)}</NtryRef>` : ''}<Amt Ccy="${currency}">${entry.amount.abs().toFixed(2)}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${entry.bookingDate}</Dt></BookgDt><ValDt><Dt>${entry.valueDate ?? entry.bookingDate}</Dt></ValDt>${entry.reference ? `<AcctSvcrRef>${escape(entry.reference)}</AcctSvcrRef>` : ''}<NtryDtls><TxDtls>${party}<RmtInf><Ustrd>${escape(entry.label)}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
<BkToCstmrStmt>
<GrpHdr><MsgId>${escape(statement.reference)}</MsgId><CreDtTm>${statement.closingDate}T23:59:59</CreDtTm></GrpHdr>
<Stmt>
<Id>${escape(statement.reference)}</Id>
<CreDtTm>${statement.closingDate}T23:59:59</CreDtTm>
<Acct><Id><IBAN>${statement.iban}</IBAN></Id><Ccy>${currency}</Ccy></Acct>
${balance('OPBD', statement.openingBalance, statement.openingDate, currency)}
${balance('CLBD', closing, statement.closingDate, currency)}
${entries.join('\n')}
</Stmt>
</BkToCstmrStmt>
</Document>
`
}
