import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { ConflictError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ThresholdInput } from '#validators/treasury'

/**
 * Sets the board's treasury threshold (none when empty), at the version the form was read at,
 * with an audit event in the same transaction.
 */
export default class SetThreshold {
  static handle(tenant: Tenant, input: ThresholdInput, trx?: TransactionClientContract) {
    const org = tenant.organisationId
    return withTransaction(trx, async (t) => {
      const current = await t
        .from('treasury_settings')
        .where('organisation_id', org)
        .forUpdate()
        .first()
      if (current && input.version !== undefined && current.version !== input.version) {
        throw new ConflictError(
          'Le seuil a été modifié par quelqu’un d’autre pendant votre saisie. Rechargez la page.'
        )
      }
      const threshold = input.threshold ? input.threshold.toFixed(2) : null
      if (current) {
        await t
          .from('treasury_settings')
          .where('organisation_id', org)
          .update({ threshold, version: current.version + 1, updated_at: new Date() })
      } else {
        await t.table('treasury_settings').insert({ organisation_id: org, threshold })
      }
      await recordEvent({
        domain: 'accounting',
        action: 'update',
        subjectType: 'treasury_settings',
        subjectId: org,
        summary: threshold ? `Seuil de trésorerie : ${threshold} €` : 'Seuil de trésorerie retiré',
        before: { threshold: current?.threshold ?? null },
        after: { threshold },
        organisationId: org,
        trx: t,
      })
    })
  }
}
