import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type Organisation from '#models/core/organisation'
import User from '#models/core/user'
import CriterionAssessment from '#models/quality/criterion_assessment'
import StrategicPlan from '#models/quality/strategic_plan'
import StrategicAxis from '#models/quality/strategic_axis'
import WorkingGroup from '#models/quality/working_group'
import WorkingGroupMember from '#models/quality/working_group_member'
import StrategicAction from '#models/quality/strategic_action'
import ActionMilestone from '#models/quality/action_milestone'
import AxisCriterion from '#models/quality/axis_criterion'
import EvidenceLink from '#models/quality/evidence_link'
import type { EvidenceLinkKind } from '#models/quality/labels'
import type { AssessmentStatus } from '#models/quality/labels'
import { createReferential } from '#actions/quality/create_referential'
import { DEMO_CRITERIA } from '#database/seeders/quality_referential_demo'
import type { Rapport2023 } from '#database/seeders/demo'

export const DEMO_REFERENTIAL_NAME = 'Référentiel de labellisation (contenu de démonstration)'

/**
 * Demo state of each criterion, by code: 26 of 35 validated (74 %), so that two more
 * validations pass the 80 % threshold. Not listed = validated.
 */
const OPEN_CRITERIA: Record<
  string,
  { status: AssessmentStatus; due: string | null; owner: boolean }
> = {
  G6: { status: 'submitted', due: '2024-09-30', owner: true },
  M6: { status: 'submitted', due: '2024-10-31', owner: true },
  O7: { status: 'submitted', due: '2024-11-30', owner: true },
  M7: { status: 'in_progress', due: '2024-06-30', owner: true },
  P4: { status: 'in_progress', due: '2024-12-15', owner: true },
  A1: { status: 'in_progress', due: '2024-12-31', owner: false },
  A7: { status: 'to_do', due: '2024-11-15', owner: true },
  P6: { status: 'to_do', due: '2025-03-31', owner: true },
  O4: { status: 'to_do', due: null, owner: false },
}

async function demoUser(organisation: Organisation, email: string, trx: TransactionClientContract) {
  return User.query({ client: trx })
    .where('organisation_id', organisation.id)
    .where('email', email)
    .first()
}

async function seedReferential(
  organisation: Organisation,
  rapport: Rapport2023,
  trx: TransactionClientContract
) {
  const label = rapport.labellisation
  const themes: string[] = label.themes
  const { criteria } = await createReferential(
    {
      organisationId: organisation.id,
      name: DEMO_REFERENTIAL_NAME,
      thresholdPercent: label.threshold_percent,
      deadline: DateTime.fromISO(label.deadline),
      allowsNotApplicable: true,
      isDemo: true,
      criteria: DEMO_CRITERIA.flatMap((list, index) =>
        list.map((criterion) => ({
          theme: themes[index],
          code: criterion.code,
          title: criterion.title,
          text: `${criterion.title}. (Texte de démonstration : à remplacer par celui du référentiel national.)`,
          expectedEvidence: criterion.evidence,
        }))
      ),
    },
    trx
  )
  if (criteria.length !== label.criteria) {
    throw new Error(`Démo qualité : ${criteria.length} critères au lieu de ${label.criteria}`)
  }

  const quality = await demoUser(organisation, 'qualite@demo.socle.fr', trx)
  const direction = await demoUser(organisation, 'direction@demo.socle.fr', trx)
  for (const [index, criterion] of criteria.entries()) {
    const open = OPEN_CRITERIA[criterion.code]
    const assessment = await CriterionAssessment.query({ client: trx })
      .where('criterion_id', criterion.id)
      .firstOrFail()
    const target: AssessmentStatus = open?.status ?? 'validated'
    await assessment.changeStatus(target, {
      allowsNotApplicable: true,
      comment: 'Reprise de l’autodiagnostic (démonstration)',
      trx,
    })
    const owner = index % 2 === 0 ? quality : direction
    assessment.merge({
      ownerId: open && !open.owner ? null : (owner?.id ?? null),
      dueDate: open
        ? open.due
          ? DateTime.fromISO(open.due)
          : null
        : DateTime.fromISO('2024-06-30'),
    })
    if (target === 'validated') assessment.validatedAt = DateTime.fromISO('2024-06-30T12:00:00')
    await assessment.save()
  }
  return criteria
}

async function seedPlan(
  organisation: Organisation,
  rapport: Rapport2023,
  criteria: Awaited<ReturnType<typeof seedReferential>>,
  trx: TransactionClientContract
) {
  const source = rapport.strategic_plan
  const [start, end] = String(source.period).split('-').map(Number)
  const plan = await StrategicPlan.create(
    {
      organisationId: organisation.id,
      title: "Plan d'actions stratégique",
      startYear: start,
      endYear: end,
      announcedAxes: source.announced_axes,
    },
    { client: trx }
  )
  const listed: Array<{ kind: 'metier' | 'transversal'; title: string }> = [
    ...source.axes_listed.metiers.map((title: string) => ({ kind: 'metier' as const, title })),
    ...source.axes_listed.transversaux.map((title: string) => ({
      kind: 'transversal' as const,
      title,
    })),
  ]
  const axes: StrategicAxis[] = []
  for (const [index, axis] of listed.entries()) {
    axes.push(
      await StrategicAxis.create(
        {
          organisationId: organisation.id,
          planId: plan.id,
          kind: axis.kind,
          position: index + 1,
          title: axis.title,
        },
        { client: trx }
      )
    )
  }

  // The report: working groups on six axes (the four "métier" axes, information systems and
  // the quality approach); first restitution at the June 2024 team seminar.
  const quality = await demoUser(organisation, 'qualite@demo.socle.fr', trx)
  const direction = await demoUser(organisation, 'direction@demo.socle.fr', trx)
  const grouped = axes.filter(
    (axis) => axis.kind === 'metier' || /systèmes d'information|démarche qualité/i.test(axis.title)
  )
  for (const axis of grouped) {
    const group = await WorkingGroup.create(
      {
        organisationId: organisation.id,
        planId: plan.id,
        axisId: axis.id,
        name: `Groupe de travail « ${axis.title} »`,
      },
      { client: trx }
    )
    const isQuality = /démarche qualité/i.test(axis.title)
    const pilot = isQuality ? quality : direction
    await WorkingGroupMember.create(
      {
        organisationId: organisation.id,
        workingGroupId: group.id,
        userId: pilot?.id ?? null,
        fullName: pilot ? null : 'Pilote',
        role: 'Pilote',
      },
      { client: trx }
    )
    await WorkingGroupMember.create(
      {
        organisationId: organisation.id,
        workingGroupId: group.id,
        fullName: isQuality
          ? 'Référents labellisation des antennes'
          : 'Conseillers volontaires des antennes',
        role: 'Membres',
      },
      { client: trx }
    )
    const action = await StrategicAction.create(
      {
        organisationId: organisation.id,
        axisId: axis.id,
        title: isQuality
          ? "Conduire l'autodiagnostic de labellisation"
          : `Établir le diagnostic et les propositions de l'axe`,
        ownerId: pilot?.id ?? null,
        status: 'done',
        dueDate: DateTime.fromISO('2024-06-30'),
      },
      { client: trx }
    )
    await ActionMilestone.create(
      {
        organisationId: organisation.id,
        actionId: action.id,
        title: "Restitution au séminaire d'équipe",
        dueDate: DateTime.fromISO('2024-06-30'),
        reachedOn: DateTime.fromISO('2024-06-28'),
      },
      { client: trx }
    )
    await StrategicAction.create(
      {
        organisationId: organisation.id,
        axisId: axis.id,
        title: isQuality
          ? "Obtenir le label d'ici la fin de l'année 2024"
          : 'Mettre en œuvre le plan de l’axe',
        ownerId: pilot?.id ?? null,
        status: 'in_progress',
        dueDate: DateTime.fromISO(isQuality ? '2024-12-31' : '2027-12-31'),
      },
      { client: trx }
    )
  }

  const qualityAxis = axes.find((axis) => /démarche qualité/i.test(axis.title))
  if (qualityAxis) {
    for (const criterion of criteria.filter((c) => c.code.startsWith('M'))) {
      await AxisCriterion.create(
        { organisationId: organisation.id, axisId: qualityAxis.id, criterionId: criterion.id },
        { client: trx }
      )
    }
  }
}

/**
 * Evidence that lives elsewhere in Socle: links built from records seeded by the earlier demo
 * steps (when they exist), so that they open the current page of that record.
 */
async function seedEvidenceLinks(
  organisation: Organisation,
  criteria: Awaited<ReturnType<typeof seedReferential>>,
  trx: TransactionClientContract
) {
  const byCode = new Map(criteria.map((criterion) => [criterion.code, criterion]))
  const assembly = await trx
    .from('meetings')
    .where('organisation_id', organisation.id)
    .where('kind', 'ag_ordinaire')
    .orderBy('held_at', 'desc')
    .first()
  const grant = await trx
    .from('grants')
    .where('organisation_id', organisation.id)
    .orderBy('id')
    .first()
  const links: Array<{ code: string; kind: EvidenceLinkKind; reference: string; label: string }> = [
    { code: 'M3', kind: 'training_plan', reference: '2023', label: 'Formation 2023' },
    { code: 'M5', kind: 'bilan_social', reference: '2023', label: 'Bilan social 2023' },
    { code: 'M2', kind: 'bilan_social', reference: '2023', label: 'Bilan social 2023' },
  ]
  if (assembly) {
    links.push({
      code: 'G3',
      kind: 'ag_minutes',
      reference: String(assembly.id),
      label: assembly.title,
    })
  }
  if (grant) {
    links.push({
      code: 'G6',
      kind: 'funder_report',
      reference: String(grant.id),
      label: 'Bilan de convention',
    })
  }
  for (const link of links) {
    const criterion = byCode.get(link.code)
    if (!criterion) continue
    await EvidenceLink.create(
      {
        organisationId: organisation.id,
        criterionId: criterion.id,
        kind: link.kind,
        reference: link.reference,
        label: link.label,
      },
      { client: trx }
    )
  }
}

/** Demo step of the quality domain: the labellisation referential and the strategic plan. */
export async function seedQuality(
  organisation: Organisation,
  rapport: Rapport2023,
  trx: TransactionClientContract
) {
  const criteria = await seedReferential(organisation, rapport, trx)
  await seedPlan(organisation, rapport, criteria, trx)
  await seedEvidenceLinks(organisation, criteria, trx)
}
