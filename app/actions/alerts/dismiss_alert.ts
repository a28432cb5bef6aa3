import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AlertDismissal from '#models/alerts/alert_dismissal'
import { VisibleAlert } from '#reports/alerts/alert_list'
import { NotFoundError, RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/**
 * A person marks one of their open alerts as read: a dismissal row (audited) takes it out of
 * their list, counter and digests. An alert they may not see (another person's, another
 * organisation's, a role they lack) or a resolved one is not found.
 */
export default class DismissAlert {
  static handle(tenant: Tenant, input: { alertId: number }, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      if (tenant.userId === null) throw new NotFoundError()
      const alert = await new VisibleAlert(
        tenant,
        { id: input.alertId, userId: tenant.userId, roles: tenant.roles ?? [] },
        t
      ).build()
      if (!alert) throw new NotFoundError('Cette alerte n’existe pas ou n’est plus en cours.')
      const already = await AlertDismissal.query({ client: t })
        .where('alertId', alert.id)
        .where('userId', tenant.userId)
        .first()
      if (already) throw new RuleError(`L’alerte « ${alert.title} » est déjà marquée comme lue.`)
      await AlertDismissal.create({ alertId: alert.id, userId: tenant.userId }, { client: t })
      return alert
    })
  }
}
