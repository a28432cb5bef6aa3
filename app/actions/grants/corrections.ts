import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import GrantReceiptAllocation from '#models/grants/grant_receipt_allocation'
import { ItemCorrection, type ItemCorrectionResult } from '#reports/grants/corrections'
import { lockGrant } from '#actions/grants/conventions'
import { GrantRuleError } from '#actions/grants/errors'
import { underDatabaseRules } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import type { CorrectableItem } from '#vocabulary/grants'

/**
 * A record of a convention read for a correction: its convention locked first (every change of
 * a convention's records locks it, so its totals and matching are checked one change at a time),
 * then the record and what may be done with it (#reports/grants/corrections).
 */
export async function correctionOf<K extends CorrectableItem>(
  tenant: Tenant,
  kind: K,
  id: number,
  trx: TransactionClientContract
): Promise<ItemCorrectionResult<K>> {
  const first = await new ItemCorrection(tenant, { kind, id }, trx).build()
  const grant = await lockGrant(first.grant.id, trx)
  const state = await new ItemCorrection(tenant, { kind, id }, trx).build()
  return { ...state, grant }
}

/** The record may be edited, or the French reason why not. */
export function assertEditable(state: { editRefusal: string | null }) {
  if (state.editRefusal) throw new GrantRuleError(state.editRefusal)
}

/**
 * Cancels the record with its reason: the row stays, with when and who (the database then
 * refuses any change of it). Audited as an update of the row.
 */
export async function cancelItem<K extends CorrectableItem>(
  tenant: Tenant,
  state: ItemCorrectionResult<K>,
  reason: string
) {
  if (state.cancelRefusal) throw new GrantRuleError(state.cancelRefusal)
  const item = state.item
  item.merge({
    cancelledAt: DateTime.now(),
    cancelledBy: tenant.userId,
    cancelledActor: tenant.label,
    cancelReason: reason,
  })
  item.version += 1
  await underDatabaseRules(async () => {
    await item.save()
  })
  return item
}

/** Removes the matching of a receipt or an instalment about to be cancelled (each audited). */
export async function releaseAllocations(
  column: 'receiptId' | 'scheduleId',
  id: number,
  trx: TransactionClientContract
) {
  const rows = await GrantReceiptAllocation.query({ client: trx }).where(column, id)
  for (const row of rows) await row.useTransaction(trx).delete()
  return rows.length
}
