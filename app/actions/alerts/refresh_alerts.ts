import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import { DueItems } from '#reports/alerts/due_items'
import { recordEvent } from '#support/audit'
import { formatDate } from '#support/french_format'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

export interface RefreshOutcome {
  /** Alerts seen for the first time. */
  opened: number
  /** Alerts that still hold (updated, reopened if they had been resolved). */
  kept: number
  /** Alerts whose condition no longer holds: resolved now. */
  resolved: number
  /** Marks "read" of resolved alerts that hold again, forgotten with the old occurrence. */
  dismissalsCleared: number
}

/**
 * Brings an organisation's alerts up to date at a day: each due item is upserted by its
 * subject (a rerun never duplicates it, and an alert that holds again is reopened and shown
 * again to those who had marked it as read), and every open alert that is no longer due is
 * resolved. Written in one transaction with its audit event.
 */
export default class RefreshAlerts {
  static handle(tenant: Tenant, input: { today: DateTime }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t): Promise<RefreshOutcome> => {
      const items = await new DueItems(tenant, { today: input.today }, t).build()
      const day = input.today.toISODate()!
      const payload = JSON.stringify(
        items.map((item) => ({
          kind: item.kind,
          subject_key: item.subjectKey,
          title: item.title,
          detail: item.detail,
          due_on: item.dueOn,
          overdue: item.overdue,
          link_route: item.link.route,
          link_params: item.link.params ?? {},
          roles: item.roles,
          user_id: item.userId,
        }))
      )
      // An alert that holds again is a new occurrence: what people marked as read was the last one.
      const reopened = await t.rawQuery(
        `DELETE FROM alert_dismissals d
          USING alerts a, jsonb_to_recordset(CAST(:items AS jsonb)) AS x(kind text, subject_key text)
          WHERE d.organisation_id = :org AND a.organisation_id = d.organisation_id
            AND a.id = d.alert_id AND a.resolved_at IS NOT NULL
            AND a.kind = x.kind AND a.subject_key = x.subject_key
         RETURNING d.id`,
        { org: tenant.organisationId, items: payload }
      )
      const upserted = await t.rawQuery(
        `INSERT INTO alerts (organisation_id, kind, subject_key, title, detail, due_on, overdue,
                             link_route, link_params, roles, user_id, first_seen_on, last_seen_on)
         SELECT :org, x.kind, x.subject_key, x.title, x.detail, x.due_on, x.overdue,
                x.link_route, x.link_params, x.roles, x.user_id, CAST(:day AS date), CAST(:day AS date)
           FROM jsonb_to_recordset(CAST(:items AS jsonb)) AS x(
                  kind text, subject_key text, title text, detail text, due_on date,
                  overdue boolean, link_route text, link_params jsonb, roles text[], user_id integer)
         ON CONFLICT (organisation_id, kind, subject_key) DO UPDATE
            SET title = EXCLUDED.title, detail = EXCLUDED.detail, due_on = EXCLUDED.due_on,
                overdue = EXCLUDED.overdue, link_route = EXCLUDED.link_route,
                link_params = EXCLUDED.link_params, roles = EXCLUDED.roles,
                user_id = EXCLUDED.user_id, last_seen_on = EXCLUDED.last_seen_on,
                resolved_at = NULL, updated_at = now()
         RETURNING (xmax = 0) AS inserted`,
        { org: tenant.organisationId, day, items: payload }
      )
      const inserted = (upserted.rows as Array<{ inserted: boolean }>).filter((r) => r.inserted)
      const resolved = await t.rawQuery(
        `UPDATE alerts a SET resolved_at = now(), updated_at = now()
          WHERE a.organisation_id = :org AND a.resolved_at IS NULL
            AND NOT EXISTS (
              SELECT 1 FROM jsonb_to_recordset(CAST(:items AS jsonb)) AS x(kind text, subject_key text)
               WHERE x.kind = a.kind AND x.subject_key = a.subject_key)
         RETURNING a.id`,
        { org: tenant.organisationId, items: payload }
      )
      const outcome = {
        opened: inserted.length,
        kept: items.length - inserted.length,
        resolved: resolved.rows.length,
        dismissalsCleared: reopened.rows.length,
      }
      if (outcome.opened || outcome.resolved || outcome.dismissalsCleared) {
        await recordEvent({
          domain: 'core',
          action: 'refresh',
          subjectType: 'alerts',
          summary: `Alertes au ${formatDate(day)} : ${outcome.opened} nouvelle(s), ${outcome.kept} maintenue(s), ${outcome.resolved} résolue(s)`,
          after: outcome,
          organisationId: tenant.organisationId,
          trx: t,
        })
      }
      return outcome
    })
  }
}
