import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import RefreshAlerts, { type RefreshOutcome } from '#actions/alerts/refresh_alerts'
import SendAlertDigests from '#actions/alerts/send_alert_digests'
import { parisToday } from '#reports/alerts/due_items'
import { actingAs } from '#support/request_context'

/**
 * The advisory lock of the alert job, one number for the whole database ("Socle alerts"): two
 * app processes (or a process and `node ace alerts:run`) never run the job together.
 */
export const ALERT_LOCK_KEY = 5_362_636_117

/**
 * Takes the alert job's lock for the transaction of `client`, without waiting: false when
 * another session holds it. Released by PostgreSQL when that transaction ends, even if the
 * process dies.
 */
export async function tryAlertLock(client: QueryClientContract) {
  const result = await client.rawQuery('SELECT pg_try_advisory_xact_lock(?) AS taken', [
    ALERT_LOCK_KEY,
  ])
  return result.rows[0].taken === true
}

export interface OrganisationRun extends RefreshOutcome {
  organisationId: number
  digests: number
}

export type AlertJobOutcome =
  | { ran: false; today: string }
  | { ran: true; today: string; organisations: OrganisationRun[]; failed: number[] }

/**
 * The alert job (ADR 14): under the advisory lock, for each active organisation (or the one
 * asked for), refreshes its alerts at the day (today in Paris unless given), sends the digests
 * that are due and records the run. When another process holds the lock, does nothing and
 * says so. A job across organisations: each one is worked on as its own tenant, in its own
 * savepoint; an organisation that fails is logged and listed, and the others go on.
 */
export default class RunAlertJob {
  static handle(input: { today?: DateTime; organisationId?: number } = {}) {
    const today = input.today ?? parisToday()
    const day = today.toISODate()!
    return db.transaction(async (trx): Promise<AlertJobOutcome> => {
      if (!(await tryAlertLock(trx))) return { ran: false, today: day }
      const organisations: Array<{ id: number }> = await trx
        .from('organisations')
        .where('is_active', true)
        .if(input.organisationId !== undefined, (query) => query.where('id', input.organisationId!))
        .orderBy('id')
        .select('id')
      const runs: OrganisationRun[] = []
      const failed: number[] = []
      for (const organisation of organisations) {
        const tenant = { organisationId: organisation.id, userId: null, label: 'tâche des alertes' }
        // One organisation's failure (its savepoint rolled back) does not stop the others.
        const run = await actingAs(tenant, () =>
          trx.transaction(async (own) => {
            const refreshed = await RefreshAlerts.handle(tenant, { today }, own)
            const { sent } = await SendAlertDigests.handle(tenant, { today }, own)
            await own.table('alert_runs').insert({
              organisation_id: organisation.id,
              today: day,
              opened: refreshed.opened,
              kept: refreshed.kept,
              resolved: refreshed.resolved,
              digests: sent,
            })
            return { organisationId: organisation.id, ...refreshed, digests: sent }
          })
        ).catch((error) => {
          logger.error({ err: error, organisationId: organisation.id }, 'alert job failed')
          failed.push(organisation.id)
          return null
        })
        if (run) runs.push(run)
      }
      return { ran: true, today: day, organisations: runs, failed }
    })
  }
}
