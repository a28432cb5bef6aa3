import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'

async function tableExists(name: string) {
  const { rows } = await db.rawQuery('SELECT to_regclass(?) IS NOT NULL AS present', [name])
  return !!rows[0].present
}

/**
 * What the board portal can show from the other domains: a figure only when the tables that
 * hold it exist, otherwise the section says it is not available yet. No staff data at all.
 */
export async function otherDomainsAvailability(
  organisationId: number,
  today: DateTime<boolean> = DateTime.now()
) {
  const budgets = await tableExists('budgets')
  let grantsAwaited: { amount: Decimal; count: number } | null = null
  if ((await tableExists('grant_payment_schedules')) && (await tableExists('grant_receipts'))) {
    const { rows } = await db.rawQuery(
      `SELECT count(*) AS count, coalesce(sum(s.amount - coalesce(r.received, 0)), 0) AS amount
         FROM grant_payment_schedules s
         LEFT JOIN (SELECT schedule_id, sum(amount) AS received FROM grant_receipts
                     WHERE organisation_id = ? GROUP BY schedule_id) r ON r.schedule_id = s.id
        WHERE s.organisation_id = ? AND s.expected_on <= ? AND s.amount > coalesce(r.received, 0)`,
      [organisationId, organisationId, today.plus({ months: 12 }).toISODate()]
    )
    grantsAwaited = { amount: new Decimal(rows[0].amount), count: Number(rows[0].count) }
  }
  return { budgets, grantsAwaited }
}
