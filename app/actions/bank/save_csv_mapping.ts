import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { recordEvent } from '#support/audit'
import type { CsvMappingInput } from '#validators/bank'
import type { CsvMapping } from '#imports/bank/csv'
import { lockBankAccount } from '#actions/bank/bank_accounts'

/** Saves the columns of the bank's CSV export with the bank account (by their headers). */
export default class SaveCsvMapping {
  static handle(
    _tenant: Tenant,
    input: CsvMappingInput & { bankAccountId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const account = await lockBankAccount(input.bankAccountId, t)
      const before = account.csvMapping
      const mapping: CsvMapping = {
        date: input.date,
        valueDate: input.valueDate ?? null,
        label: input.label,
        amount: input.amount ?? null,
        debit: input.amount ? null : (input.debit ?? null),
        credit: input.amount ? null : (input.credit ?? null),
        reference: input.reference ?? null,
      }
      account.merge({ csvMapping: JSON.stringify(mapping), version: account.version + 1 })
      await account.useTransaction(t).save()
      await recordEvent({
        domain: 'accounting',
        action: 'update',
        subjectType: 'bank_accounts',
        subjectId: account.id,
        summary: `Colonnes CSV du compte bancaire « ${account.name} » enregistrées`,
        before: { csvMapping: before },
        after: { csvMapping: mapping },
        trx: t,
      })
      return account
    })
  }
}
