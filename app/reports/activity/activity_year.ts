import db from '@adonisjs/lucid/services/db'
import type { Tenant } from '#support/request_context'

/** The year asked for (?annee=), else the latest year with activity values, else last year. */
export async function activityYear(tenant: Tenant, year?: number): Promise<number> {
  if (year) return year
  const latest = await db
    .from('indicator_values')
    .where('organisation_id', tenant.organisationId)
    .max('year as year')
    .first()
  return latest?.year ?? new Date().getFullYear() - 1
}
