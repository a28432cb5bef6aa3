import { vocabularies } from '#vocabulary/labels'

/**
 * The vocabulary of quality and labellisation: each enumeration once, with its French labels.
 * Validators (`vine.enum(codesOf(...))`), the import, reports, exports, models and views read
 * these records, and the CHECKs of migration 5000 their codes.
 */

export const { ASSESSMENT_STATUSES, EVIDENCE_LINK_KINDS, AXIS_KINDS, ACTION_STATUSES } =
  vocabularies({
    /** Where a criterion of the referential stands. */
    ASSESSMENT_STATUSES: {
      to_do: 'À faire',
      in_progress: 'En cours',
      submitted: 'Soumis',
      validated: 'Validé',
      not_applicable: 'Non applicable',
    },
    /** The Socle records an evidence link may point at (plus an external address). */
    EVIDENCE_LINK_KINDS: {
      ag_minutes: "Procès-verbal d'assemblée générale",
      training_plan: 'Plan de développement des compétences',
      bilan_social: 'Bilan social',
      funder_report: 'Compte rendu financier',
      audit_log: "Journal d'audit",
      url: 'Lien externe',
    },
    /** The kinds of axes of the strategic plan. */
    AXIS_KINDS: {
      metier: 'Axe métier',
      transversal: 'Axe transversal',
    },
    /** Where an action of the strategic plan stands. */
    ACTION_STATUSES: {
      planned: 'Prévue',
      in_progress: 'En cours',
      done: 'Réalisée',
      abandoned: 'Abandonnée',
    },
  })

/** The same kinds, as the progress table's "Type" column shows them. */
export const AXIS_KIND_SHORT_LABELS: Record<AxisKind, string> = {
  metier: 'Métier',
  transversal: 'Transversal',
}

/** The items of the strategic plan that are edited, deleted or archived one by one. */
export const PLAN_ITEM_KINDS = {
  axis: 'Axe',
  working_group: 'Groupe de travail',
  action: 'Action',
  milestone: 'Jalon',
} as const

export type PlanItemKind = keyof typeof PLAN_ITEM_KINDS
export type AssessmentStatus = keyof typeof ASSESSMENT_STATUSES
export type EvidenceLinkKind = keyof typeof EVIDENCE_LINK_KINDS
export type AxisKind = keyof typeof AXIS_KINDS
export type ActionStatus = keyof typeof ACTION_STATUSES

/** `{ value, label }` pairs of a vocabulary record, in its declared order, for select fields. */
export function optionsOf<T extends Record<string, string>>(
  labels: T,
  codes = Object.keys(labels)
) {
  return codes.map((value) => ({ value, label: labels[value] }))
}
