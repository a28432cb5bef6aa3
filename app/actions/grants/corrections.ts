import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LucidRow, ModelAttributes } from '@adonisjs/lucid/types/model'
import { DateTime } from 'luxon'
import GrantReceiptAllocation from '#models/grants/grant_receipt_allocation'
import { ItemCorrection, type ItemCorrectionResult } from '#reports/grants/corrections'
import { lockGrant } from '#actions/grants/conventions'
import { GrantRuleError } from '#actions/grants/errors'
import { underDatabaseRules } from '#support/domain_errors'
import { assertVersion } from '#support/optimistic_lock'
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
 * Edits a record that nothing depends on yet with the values of its form, at the version the
 * form was read at (the edit actions whose only rule is the record's own).
 */
export async function editItem<K extends CorrectableItem>(
  tenant: Tenant,
  kind: K,
  input: { id: number; version?: number },
  values: Partial<ModelAttributes<ItemCorrectionResult<K>['item']>>,
  trx: TransactionClientContract
): Promise<ItemCorrectionResult<K>['item']> {
  const state = await correctionOf(tenant, kind, input.id, trx)
  assertEditable(state)
  // The five kinds of record are edited alike; their union of models is seen as one row.
  const item = state.item as LucidRow & { version: number }
  assertVersion(item, input.version)
  item.merge(values)
  await underDatabaseRules(() => item.save())
  return state.item
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

/** The side of the receipts' matching each matched kind of record stands on. */
const MATCHING_SIDES = { receipt: 'receiptId', schedule: 'scheduleId' } as const

/**
 * Cancels a receipt or an instalment with its reason: its matching is removed first (each row
 * audited), so what stood on the other side is open again. Returns the record and how many
 * matchings were released.
 */
export async function cancelMatchedItem<K extends keyof typeof MATCHING_SIDES>(
  tenant: Tenant,
  kind: K,
  input: { id: number; reason: string },
  trx: TransactionClientContract
) {
  const state = await correctionOf(tenant, kind, input.id, trx)
  let released = 0
  if (!state.cancelRefusal) {
    const rows = await GrantReceiptAllocation.query({ client: trx }).where(
      MATCHING_SIDES[kind],
      input.id
    )
    for (const row of rows) await row.useTransaction(trx).delete()
    released = rows.length
  }
  return { item: await cancelItem(tenant, state, input.reason), released }
}
