import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import { deliver } from '#mail/deliver'
import AlertDigestMail from '#mail/alert_digest_mail'
import { AlertList } from '#reports/alerts/alert_list'
import { rows } from '#reports/grants/sql'
import { recordEvent } from '#support/audit'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { DEFAULT_DIGEST_FREQUENCY, type DigestFrequency } from '#vocabulary/alerts'

/** The first day of the period a digest covers: the day, or the Monday of its week. */
export function digestPeriod(frequency: DigestFrequency, today: DateTime) {
  return (frequency === 'weekly' ? today.startOf('week') : today).toISODate()!
}

/**
 * Sends each active member of an organisation the digest of their open alerts, at the
 * frequency they chose (weekly unless they chose otherwise), once per period: each digest sent
 * is a row (unique per person, frequency and period), written with its audit event. A message
 * that cannot leave writes nothing, so the next run tries again. Nothing is sent to a person
 * without open alerts.
 */
export default class SendAlertDigests {
  static handle(tenant: Tenant, input: { today: DateTime }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const members = await rows<{
        user_id: number
        email: string
        full_name: string
        roles: string[]
        frequency: DigestFrequency
        organisation_name: string
      }>(
        `SELECT m.user_id, u.email, u.full_name, m.roles, o.name AS organisation_name,
                coalesce(p.frequency, :default) AS frequency
           FROM memberships m
           JOIN users u ON u.id = m.user_id
           JOIN organisations o ON o.id = m.organisation_id
           LEFT JOIN alert_preferences p
             ON p.organisation_id = m.organisation_id AND p.user_id = m.user_id
          WHERE m.organisation_id = :org AND m.is_active AND u.is_active AND o.is_active
            AND coalesce(p.frequency, :default) <> 'never'
            AND NOT EXISTS (
              SELECT 1 FROM alert_digests d
               WHERE d.organisation_id = m.organisation_id AND d.user_id = m.user_id
                 AND d.frequency = coalesce(p.frequency, :default)
                 AND d.period_start = CASE WHEN coalesce(p.frequency, :default) = 'weekly'
                                           THEN CAST(:week AS date) ELSE CAST(:day AS date) END)
          ORDER BY m.user_id`,
        {
          org: tenant.organisationId,
          default: DEFAULT_DIGEST_FREQUENCY,
          day: digestPeriod('daily', input.today),
          week: digestPeriod('weekly', input.today),
        },
        t
      )
      let sent = 0
      for (const member of members) {
        const alerts = await new AlertList(
          tenant,
          { userId: member.user_id, roles: member.roles },
          t
        ).build()
        if (alerts.length === 0) continue
        const period = digestPeriod(member.frequency, input.today)
        const delivered = await t
          .transaction(async (savepoint) => {
            const [digest] = await savepoint
              .table('alert_digests')
              .insert({
                organisation_id: tenant.organisationId,
                user_id: member.user_id,
                frequency: member.frequency,
                period_start: period,
                alert_count: alerts.length,
              })
              .returning('id')
            await recordEvent({
              domain: 'core',
              action: 'send',
              subjectType: 'alert_digests',
              subjectId: digest.id,
              summary: `Récapitulatif des alertes envoyé à ${member.email} (${alerts.length} alerte(s))`,
              organisationId: tenant.organisationId,
              trx: savepoint,
            })
            const message = new AlertDigestMail({
              fullName: member.full_name,
              email: member.email,
              organisationName: member.organisation_name,
              period: member.frequency === 'weekly' ? 'de la semaine' : 'du jour',
              alerts,
            })
            if (!(await deliver(message))) throw new DigestNotSent()
            return true
          })
          .catch((error) => {
            if (error instanceof DigestNotSent) return false
            throw error
          })
        if (delivered) sent += 1
      }
      return { sent }
    })
  }
}

/** Rolls back a digest's row when its message could not leave. */
class DigestNotSent extends Error {}
