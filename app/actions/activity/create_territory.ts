import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Territory from '#models/activity/territory'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import type { TerritoryInput } from '#validators/activity'
import { assertTerritoryRules, territoryValues } from '#actions/activity/referential_rules'

/** Adds an antenna, or an area under one of the organisation's antennas. */
export default class CreateTerritory {
  static handle(_tenant: Tenant, input: TerritoryInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      await assertTerritoryRules(input, null, t)
      return underDatabaseRules(() => Territory.create(territoryValues(input), { client: t }))
    })
  }
}
