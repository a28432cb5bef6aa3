import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import type { DateTime } from 'luxon'
import Organisation from '#models/core/organisation'
import { toMoney } from '#support/money'
import { Report } from '#support/report'

/** What the settings page knows of the organisation's logo (the image itself is served apart). */
export interface LogoSummary {
  contentType: string
  sha256: string
  size: number
  updatedAt: DateTime | Date
}

export interface OrganisationSettingsData {
  organisation: Organisation
  /** Percent of gross salaries (45 for 45 %). */
  employerChargeRate: Decimal
  logo: LogoSummary | null
}

/**
 * The employer charge rate in percent: kept as a fraction in `hr_settings`, where the staff
 * costs read it; 45 % when never set.
 */
export async function employerChargePercent(
  organisationId: number,
  trx?: TransactionClientContract
) {
  const row = await (trx ?? db)
    .from('hr_settings')
    .where('organisation_id', organisationId)
    .select('employer_charge_rate')
    .first()
  return toMoney(row?.employer_charge_rate ?? '0.45').times(100)
}

/** The acting organisation's settings, for its admin's page. */
export class OrganisationSettings extends Report<Record<string, never>, OrganisationSettingsData> {
  async build() {
    const id = this.tenant.organisationId
    const organisation = await Organisation.findOrFail(id)
    const logo = await db
      .from('organisation_logos')
      .where('organisation_id', id)
      .select('content_type', 'sha256', 'updated_at', db.raw('octet_length(bytes)::int AS size'))
      .first()
    return {
      organisation,
      employerChargeRate: await employerChargePercent(id),
      logo: logo
        ? {
            contentType: logo.content_type,
            sha256: logo.sha256,
            size: logo.size,
            updatedAt: logo.updated_at,
          }
        : null,
    }
  }
}
