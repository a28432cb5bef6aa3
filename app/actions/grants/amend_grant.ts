import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { AmendmentInput } from '#validators/grants'
import { amendGrant, lockGrant, parisDay } from '#actions/grants/conventions'

/** Records an amendment (avenant), which changes the awarded amount. */
export default class AmendGrant {
  static handle(
    _tenant: Tenant,
    input: AmendmentInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) =>
      amendGrant(
        await lockGrant(input.grantId, t),
        {
          newAmount: input.newAmount,
          signedOn: parisDay(input.signedOn),
          reason: input.reason,
          reference: input.reference,
        },
        t
      )
    )
  }
}
