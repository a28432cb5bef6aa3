import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AlertPreference from '#models/alerts/alert_preference'
import { NotFoundError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { DigestPreferenceInput } from '#validators/alerts'

/** A person chooses how often they receive the digest of their alerts (audited). */
export default class SetDigestFrequency {
  static handle(tenant: Tenant, input: DigestPreferenceInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      if (tenant.userId === null) throw new NotFoundError()
      const preference = await AlertPreference.query({ client: t })
        .where('userId', tenant.userId)
        .forUpdate()
        .first()
      if (!preference) {
        return AlertPreference.create(
          { userId: tenant.userId, frequency: input.frequency },
          { client: t }
        )
      }
      if (preference.frequency === input.frequency) return preference
      preference.merge({ frequency: input.frequency, version: preference.version + 1 })
      await preference.save()
      return preference
    })
  }
}
