import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Funder from '#models/grants/funder'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { GrantFormInput } from '#validators/grants'
import { GrantRuleError } from '#actions/grants/errors'
import { grantInputOf, saveGrant } from '#actions/grants/conventions'

/** Enters a convention of one of the organisation's funders, with its awarded amount. */
export default class CreateGrant {
  static handle(_tenant: Tenant, input: GrantFormInput, trx?: TransactionClientContract) {
    const values = grantInputOf(input)
    if (!input.amountAwarded) throw new GrantRuleError('Le champ montant accordé est obligatoire.')
    const amountAwarded = input.amountAwarded
    return withTransaction(trx, async (t) => {
      await Funder.query({ client: t }).where('id', input.funderId).firstOrFail()
      return saveGrant({ ...values, amountAwarded }, t)
    })
  }
}
