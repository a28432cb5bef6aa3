import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import { actingAs, type Tenant } from '#support/request_context'
import { LabellisationScore, type ScoreParams } from '#reports/quality/labellisation_score'
import { PlanProgress } from '#reports/quality/plan_progress'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedQuality } from '#database/seeders/quality'

/** The quality demo (35 criteria, 26 validated, strategic plan) in a test organisation. */
export async function seedQualityDemo(organisation: Organisation) {
  const rapport = await loadRapport2023()
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction((trx) => seedQuality(organisation, rapport, trx))
  )
  const criteria = await db
    .from('criteria')
    .join('criterion_assessments', 'criterion_assessments.criterion_id', 'criteria.id')
    .where('criteria.organisation_id', organisation.id)
    .select(
      'criteria.id',
      'criteria.code',
      'criterion_assessments.status',
      'criterion_assessments.version'
    )
    .orderBy('criteria.position')
  return { rapport, criteria }
}

export const QUALITY_TABLES = [
  'referentials',
  'referential_themes',
  'criteria',
  'criterion_assessments',
  'criterion_status_changes',
  'evidence_files',
  'evidence_links',
  'strategic_plans',
  'strategic_axes',
  'working_groups',
  'working_group_members',
  'strategic_actions',
  'action_milestones',
  'axis_criteria',
  'audit_events',
]

const testTenant = (organisationId: number): Tenant => ({
  organisationId,
  userId: null,
  label: 'test',
})

/** The live score of an organisation, read as that organisation. */
export function scoreOf(organisationId: number, params: ScoreParams = {}) {
  const tenant = testTenant(organisationId)
  return actingAs(tenant, () => new LabellisationScore(tenant, params).build())
}

/** The progress per axis of a plan, read as its organisation. */
export function progressOf(organisationId: number, planId: number) {
  const tenant = testTenant(organisationId)
  return actingAs(tenant, () => new PlanProgress(tenant, { planId }).build())
}
