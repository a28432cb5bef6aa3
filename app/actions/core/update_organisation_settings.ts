import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import Organisation from '#models/core/organisation'
import { employerChargePercent } from '#reports/core/organisation_settings'
import { recordEvent } from '#support/audit'
import { ConflictError, underDatabaseRules } from '#support/domain_errors'
import { assertVersion, lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ChartVersion, EqualitySizeBand } from '#vocabulary/core'

export interface OrganisationSettingsInput {
  name: string
  siren: string
  address?: string | null
  fiscalYearStartMonth: number
  /** Percent of gross salaries (45 for 45 %). */
  employerChargeRate: Decimal
  chartVersion: ChartVersion
  equalitySizeBand: EqualitySizeBand
  version?: number
}

const SIREN_TAKEN = 'Une organisation avec ce SIREN existe déjà.'

function snapshot(organisation: Organisation, employerChargeRate: Decimal) {
  return {
    name: organisation.name,
    siren: organisation.siren,
    address: organisation.address,
    fiscalYearStartMonth: organisation.fiscalYearStartMonth,
    employerChargeRate: employerChargeRate.toFixed(2),
    chartVersion: organisation.chartVersion,
    equalitySizeBand: organisation.equalitySizeBand,
  }
}

/**
 * Updates the acting organisation's settings (row locked, version checked) and its employer
 * charge rate, which lives with the HR settings that the staff costs read (one value, edited
 * from here or from the HR time page). One audit event holds the values before and after.
 */
export default class UpdateOrganisationSettings {
  static handle(tenant: Tenant, input: OrganisationSettingsInput, trx?: TransactionClientContract) {
    return underDatabaseRules(() =>
      withTransaction(trx, async (t) => {
        const organisation = await lockRow(Organisation, tenant.organisationId, t)
        const before = snapshot(organisation, await employerChargePercent(organisation.id, t))
        assertVersion(organisation, input.version)
        const taken = await t
          .from('organisations')
          .where('siren', input.siren)
          .whereNot('id', organisation.id)
          .first()
        if (taken) throw new ConflictError(SIREN_TAKEN, { field: 'siren' })
        organisation.merge({
          name: input.name,
          siren: input.siren,
          address: input.address?.trim() || null,
          fiscalYearStartMonth: input.fiscalYearStartMonth,
          chartVersion: input.chartVersion,
          equalitySizeBand: input.equalitySizeBand,
        })
        organisation.useTransaction(t)
        await organisation.save()
        await t.rawQuery(
          `INSERT INTO hr_settings (organisation_id, employer_charge_rate) VALUES (?, ?)
           ON CONFLICT (organisation_id) DO UPDATE SET employer_charge_rate = EXCLUDED.employer_charge_rate,
             version = hr_settings.version + 1, updated_at = now()
           WHERE hr_settings.employer_charge_rate IS DISTINCT FROM EXCLUDED.employer_charge_rate`,
          [organisation.id, input.employerChargeRate.div(100).toFixed(4)]
        )
        await recordEvent({
          domain: 'core',
          action: 'update',
          subjectType: 'organisations',
          subjectId: organisation.id,
          summary: `Paramètres de l’organisation ${organisation.name} modifiés`,
          before,
          after: snapshot(organisation, input.employerChargeRate),
          organisationId: organisation.id,
          trx: t,
        })
        return organisation
      })
    )
  }
}
