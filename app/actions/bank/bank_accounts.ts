import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import BankAccount from '#models/bank/bank_account'
import { NotFoundError } from '#support/domain_errors'

/** The organisation's bank account, locked for the change (imports and matches in turn). */
export async function lockBankAccount(id: number, trx: TransactionClientContract) {
  const account = await BankAccount.query({ client: trx }).where('id', id).forUpdate().first()
  if (!account) throw new NotFoundError('Ce compte bancaire n’existe pas.')
  return account
}
