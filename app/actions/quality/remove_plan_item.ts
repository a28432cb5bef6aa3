import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { PLAN_ITEMS } from '#actions/quality/plan_items'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { PlanItemKind } from '#vocabulary/quality'

/**
 * Deletes an item of the strategic plan (audited) when nothing hangs on it; a linked item is
 * refused with what links it: it is archived instead.
 */
export default class RemovePlanItem {
  static handle(
    _tenant: Tenant,
    input: { kind: PlanItemKind; id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const definition = PLAN_ITEMS[input.kind]
      const item = await definition.find(input.id, t)
      const links = await definition.links(item, t)
      if (links.length > 0) {
        const name = definition.name(item)
        throw new RuleError(
          `${name.charAt(0).toUpperCase()}${name.slice(1)} ne peut pas être supprimé (${links.join(', ')}) : archivez-le.`
        )
      }
      await item.delete()
      return item
    })
  }
}
