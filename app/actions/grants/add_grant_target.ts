import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import GrantTarget from '#models/grants/grant_target'
import type { TargetInput } from '#validators/grants'
import { lockGrant } from '#actions/grants/conventions'
import { underDatabaseRules } from '#support/domain_errors'

/** Adds an activity target of the convention for a year. */
export default class AddGrantTarget {
  static handle(
    _tenant: Tenant,
    input: TargetInput & { grantId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const grant = await lockGrant(input.grantId, t)
      return underDatabaseRules(() =>
        GrantTarget.create(
          {
            grantId: grant.id,
            indicatorCode: input.indicatorCode,
            label: input.label,
            year: input.year,
            target: input.target,
          },
          { client: t }
        )
      )
    })
  }
}
