import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** Removes the acting organisation's logo (print views then show its name only). Audited. */
export default class RemoveOrganisationLogo {
  static handle(tenant: Tenant, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const removed = await t
        .from('organisation_logos')
        .where('organisation_id', tenant.organisationId)
        .delete()
        .returning(['content_type', 'sha256'])
      if (removed.length === 0) {
        throw new RuleError('Cette organisation n’a pas de logo : il n’y a rien à retirer.')
      }
      await recordEvent({
        domain: 'core',
        action: 'delete',
        subjectType: 'organisation_logos',
        subjectId: tenant.organisationId,
        summary: 'Logo de l’organisation retiré',
        before: { contentType: removed[0].content_type, sha256: removed[0].sha256 },
        organisationId: tenant.organisationId,
        trx: t,
      })
    })
  }
}
