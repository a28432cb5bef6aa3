import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Funder from '#models/grants/funder'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import type { GrantFormInput } from '#validators/grants'
import { grantInputOf, lockGrant, saveGrant } from '#actions/grants/conventions'

/** Changes a convention's fields; its awarded amount changes only through an amendment. */
export default class UpdateGrant {
  static handle(
    _tenant: Tenant,
    input: GrantFormInput & { id: number },
    trx?: TransactionClientContract
  ) {
    const values = grantInputOf(input)
    return withTransaction(trx, async (t) => {
      const grant = await lockGrant(input.id, t)
      await Funder.query({ client: t }).where('id', input.funderId).firstOrFail()
      assertVersion(grant, input.version)
      return saveGrant({ ...values, amountAwarded: grant.amountAwarded }, t, grant)
    })
  }
}
