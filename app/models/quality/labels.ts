export const ASSESSMENT_STATUSES = [
  'to_do',
  'in_progress',
  'submitted',
  'validated',
  'not_applicable',
] as const
export const EVIDENCE_LINK_KINDS = [
  'ag_minutes',
  'training_plan',
  'bilan_social',
  'funder_report',
  'audit_log',
  'url',
] as const
export const AXIS_KINDS = ['metier', 'transversal'] as const
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'abandoned'] as const

export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number]
export type EvidenceLinkKind = (typeof EVIDENCE_LINK_KINDS)[number]
export type AxisKind = (typeof AXIS_KINDS)[number]
export type ActionStatus = (typeof ACTION_STATUSES)[number]

export const STATUS_LABELS: Record<AssessmentStatus, string> = {
  to_do: 'À faire',
  in_progress: 'En cours',
  submitted: 'Soumis',
  validated: 'Validé',
  not_applicable: 'Non applicable',
}

export const LINK_KIND_LABELS: Record<EvidenceLinkKind, string> = {
  ag_minutes: "Procès-verbal d'assemblée générale",
  training_plan: 'Plan de développement des compétences',
  bilan_social: 'Bilan social',
  funder_report: 'Compte rendu financier',
  audit_log: "Journal d'audit",
  url: 'Lien externe',
}

export const AXIS_KIND_LABELS: Record<AxisKind, string> = {
  metier: 'Axe métier',
  transversal: 'Axe transversal',
}

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  planned: 'Prévue',
  in_progress: 'En cours',
  done: 'Réalisée',
  abandoned: 'Abandonnée',
}
