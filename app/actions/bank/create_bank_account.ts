import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import Account from '#models/accounting/account'
import BankAccount from '#models/bank/bank_account'
import type { BankAccountInput } from '#validators/bank'

/** Opens a bank account on a 512x account of the organisation's chart; one per IBAN. */
export default class CreateBankAccount {
  static handle(_tenant: Tenant, input: BankAccountInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const account = await Account.query({ client: t }).where('id', input.accountId).first()
      if (!account || !account.number.startsWith('512')) {
        throw new RuleError('Choisissez un compte de banque (512…) du plan comptable.', {
          field: 'accountId',
        })
      }
      const same = await BankAccount.query({ client: t }).where('iban', input.iban).first()
      if (same)
        throw new RuleError(`Cet IBAN est déjà celui du compte « ${same.name} ».`, {
          field: 'iban',
        })
      const bankAccount = await BankAccount.create(
        { name: input.name, accountId: account.id, iban: input.iban, bic: input.bic ?? null },
        { client: t }
      )
      await recordEvent({
        domain: 'accounting',
        action: 'create',
        subjectType: 'bank_accounts',
        subjectId: bankAccount.id,
        summary: `Compte bancaire « ${input.name} » ouvert sur le compte ${account.number}`,
        after: {
          name: input.name,
          iban: input.iban,
          bic: input.bic ?? null,
          account: account.number,
        },
        trx: t,
      })
      return bankAccount
    })
  }
}
