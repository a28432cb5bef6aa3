import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Territory from '#models/activity/territory'
import type { Tenant } from '#support/request_context'
import { lockAtVersion } from '#support/optimistic_lock'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import type { TerritoryInput } from '#validators/activity'
import { assertTerritoryRules, territoryValues } from '#actions/activity/referential_rules'

/** Changes a territory; an antenna with areas stays an antenna. */
export default class UpdateTerritory {
  static handle(
    _tenant: Tenant,
    input: TerritoryInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const territory = await lockAtVersion(Territory, input.id, input.version, t)
      await assertTerritoryRules(input, territory, t)
      territory.merge(territoryValues(input))
      await underDatabaseRules(() => territory.save())
      return territory
    })
  }
}
