import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type Meeting from '#models/governance/meeting'
import type { Tenant } from '#support/request_context'

/** The fiscal year a pack reports on (N). */
export interface PackYear {
  id: number
  label: string
  /** Calendar year of its last day, as the yearly reports name a fiscal year. */
  endYear: number
}

/** What every section builder reads: who asks, the meeting, its day, and N. */
export interface PackContext {
  tenant: Tenant
  meeting: Meeting
  /** The meeting's day in Paris: figures "at the meeting" (awaited, overdue, mandates). */
  day: DateTime
  year: PackYear | null
  /** The organisation's name as it signs (its legal name when it has one). */
  organisation: string
}

/**
 * N: the latest fiscal year that ended before the meeting's day (for the June 2024 assembly,
 * 2023), closed or not: the assembly is where its accounts are approved.
 */
export async function packYear(organisationId: number, day: DateTime): Promise<PackYear | null> {
  const row = await db
    .from('fiscal_years')
    .where('organisation_id', organisationId)
    .where('end_date', '<', day.toISODate()!)
    .orderBy('end_date', 'desc')
    .select('id', 'label', db.raw('extract(year FROM end_date)::int AS end_year'))
    .first()
  return row ? { id: row.id, label: row.label, endYear: row.end_year } : null
}

/** The organisation's name as it signs: its legal name when it has one. */
export async function organisationName(organisationId: number) {
  const row = await db
    .from('organisations')
    .where('id', organisationId)
    .select('name', 'legal_name')
    .firstOrFail()
  return (row.legal_name as string | null) ?? (row.name as string)
}
