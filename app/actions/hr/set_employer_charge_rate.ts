import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

/** Sets the organisation's employer charge rate (percent of gross salaries), audited. */
export default class SetEmployerChargeRate {
  static handle(
    tenant: Tenant,
    input: { employerChargeRate: number },
    trx?: TransactionClientContract
  ) {
    const org = tenant.organisationId
    return withTransaction(trx, async (t) => {
      await t.rawQuery(
        `INSERT INTO hr_settings (organisation_id, employer_charge_rate) VALUES (?, ?)
         ON CONFLICT (organisation_id) DO UPDATE SET employer_charge_rate = EXCLUDED.employer_charge_rate,
           version = hr_settings.version + 1, updated_at = now()`,
        [org, (input.employerChargeRate / 100).toFixed(4)]
      )
      await recordEvent({
        domain: 'hr',
        action: 'update',
        subjectType: 'hr_settings',
        summary: `Taux de charges patronales : ${input.employerChargeRate} %`,
        organisationId: org,
        trx: t,
      })
    })
  }
}
