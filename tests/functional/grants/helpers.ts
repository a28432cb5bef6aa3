import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { inspecting } from '#tests/helpers'

/** Tables a correction or a matching touches: a refused request changes none of them. */
export const CORRECTION_TABLES = [
  'grants',
  'grant_payment_schedules',
  'grant_receipts',
  'grant_receipt_allocations',
  'grant_targets',
  'grant_deadlines',
  'grant_events',
  'audit_events',
]

type Method = 'post' | 'put'

/** A form sent as `user` (CSRF token, no redirect followed). */
export function send(
  client: ApiClient,
  user: User,
  method: Method,
  url: string,
  form: Record<string, unknown> = {}
) {
  return client[method](url).form(form).withCsrfToken().actingAs(user).redirects(0)
}

/** The French message a refused form flashed ('' when none). */
export function flashed(response: { flashMessages(): Record<string, unknown> }, key = 'error') {
  return String(response.flashMessages()[key] ?? '')
}

/** One row of a table, read across tenants. */
export function row(table: string, id: number) {
  return inspecting(() => db.from(table).where('id', id).firstOrFail())
}

/** Instalments of a convention written straight to the table: [kind, expected on, amount]. */
export async function addInstalments(
  organisationId: number,
  grantId: number,
  lines: Array<[string, string, string]>
) {
  const ids = await db
    .table('grant_payment_schedules')
    .multiInsert(
      lines.map(([kind, expectedOn, amount]) => ({
        organisation_id: organisationId,
        grant_id: grantId,
        kind,
        expected_on: expectedOn,
        amount,
        label: `${kind} ${expectedOn}`,
      }))
    )
    .returning('id')
  return ids.map((r: { id: number }) => r.id)
}

/** The receipt form: date, amount and, per chosen instalment, the amount it pays. */
export function receiptForm(
  receivedOn: string,
  amount: string,
  allocations: Array<[number, string]> = []
) {
  const form: Record<string, string> = { receivedOn, amount }
  allocations.forEach(([scheduleId, paid], index) => {
    form[`allocations[${index}][scheduleId]`] = String(scheduleId)
    form[`allocations[${index}][amount]`] = paid
  })
  return form
}

/** The allocations of a receipt: [schedule id, amount, source]. */
export async function allocationsOf(receiptId: number) {
  const rows = await inspecting(() =>
    db
      .from('grant_receipt_allocations')
      .where('receipt_id', receiptId)
      .orderBy('schedule_id')
      .select('schedule_id', 'amount', 'source')
  )
  return rows.map((r) => [r.schedule_id, r.amount, r.source])
}

/** The last receipt of a convention. */
export async function lastReceipt(grantId: number) {
  return inspecting(() =>
    db.from('grant_receipts').where('grant_id', grantId).orderBy('id', 'desc').firstOrFail()
  )
}
