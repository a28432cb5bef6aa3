import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { PLAN_ITEMS } from '#actions/quality/plan_items'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { PlanItemKind } from '#vocabulary/quality'

/** Archives an item of the strategic plan (audited): it stays, shown apart and struck out. */
export default class ArchivePlanItem {
  static handle(
    _tenant: Tenant,
    input: { kind: PlanItemKind; id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const definition = PLAN_ITEMS[input.kind]
      const item = await definition.find(input.id, t)
      if (item.archivedAt) {
        const name = definition.name(item)
        throw new RuleError(`${name.charAt(0).toUpperCase()}${name.slice(1)} est déjà archivé.`)
      }
      item.archivedAt = DateTime.now()
      await item.save()
      return item
    })
  }
}
