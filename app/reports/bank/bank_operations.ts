import { Report } from '#support/report'
import { formatIban } from '#models/bank/iban'
import { bankAccountHead } from '#reports/bank/sql'
import { operationsOf, statementsOf } from '#reports/bank/bank_account_detail'
import { seesPayDetail } from '#reports/bank/pay_privacy'

/** A bank account's statements and every one of its operations, for its workbook. */
export class BankOperationsWorkbook extends Report<
  { bankAccountId: number },
  Awaited<ReturnType<typeof load>>
> {
  async build() {
    return load(this.tenant.organisationId, this.params.bankAccountId, seesPayDetail(this.tenant))
  }
}

async function load(org: number, bankAccountId: number, payDetail: boolean) {
  const account = await bankAccountHead(org, bankAccountId)
  const statements = await statementsOf(org, account.id)
  const operations = (
    await Promise.all(statements.map((s) => operationsOf(org, account.id, s.id, null, payDetail)))
  ).flatMap((list, index) => list.map((op) => ({ ...op, statement: statements[index].reference })))
  return { account: { ...account, ibanText: formatIban(account.iban) }, statements, operations }
}
