/**
 * The staff register's enumerations, each defined once with its French labels: validators
 * (`vine.enum(codesOf(X))`), imports, reports, the forms' options and the CHECKs of migration
 * 3000 read them.
 */

export const SEXES = { F: 'Femme', H: 'Homme' } as const
export type Sex = keyof typeof SEXES

export const CONTRACT_TYPES = {
  cdi: 'CDI',
  cdd: 'CDD',
  cdd_remplacement: 'CDD de remplacement',
  apprentissage: "Contrat d'apprentissage",
  professionnalisation: 'Contrat de professionnalisation',
} as const
export type ContractType = keyof typeof CONTRACT_TYPES

export const END_REASONS = {
  demission: 'Démission',
  rupture_conventionnelle: 'Rupture conventionnelle',
  licenciement: 'Licenciement',
  retraite: 'Retraite',
  fin_cdd: 'Fin de CDD',
  fin_periode_essai: "Fin de période d'essai",
  rupture_anticipee: 'Rupture anticipée',
  deces: 'Décès',
  autre: 'Autre',
} as const
export type EndReason = keyof typeof END_REASONS

/** Socio-professional categories (index égalité), one person's category in forms. */
export const CSP_CATEGORIES = {
  ouvrier: 'Ouvrier',
  employe: 'Employé',
  tam: 'Technicien et agent de maîtrise',
  cadre: 'Ingénieur et cadre',
} as const
export type Csp = keyof typeof CSP_CATEGORIES

/** The same categories as groups of people, in the report tables. */
export const CSP_GROUPS: Record<Csp, string> = {
  ouvrier: 'Ouvriers',
  employe: 'Employés',
  tam: 'Techniciens et agents de maîtrise',
  cadre: 'Ingénieurs et cadres',
}

/** How the equality index groups people for the pay gap (HR settings). */
export const EQUALITY_INDEX_MODES = {
  csp: 'Par catégorie socioprofessionnelle',
  level: 'Par niveau ou coefficient de classification',
} as const
export type EqualityIndexMode = keyof typeof EQUALITY_INDEX_MODES

/** Events of the salary history; the hiring one is recorded with the contract. */
export const SALARY_EVENT_KINDS = {
  hire: 'Embauche',
  raise: 'Augmentation individuelle',
  promotion: 'Promotion',
  general: 'Augmentation générale',
} as const

export const LEAVE_KINDS = { maternite: 'Maternité', adoption: 'Adoption' } as const

export const TRAINING_KINDS = {
  plan: 'Plan de développement des compétences',
  alternance: 'Alternance',
  tutorat: 'Fonction tutorale',
  cpf: 'CPF',
  autre: 'Autre',
} as const

/** Cost lines of a training action, as entered. */
export const TRAINING_COST_KINDS = {
  pedagogique: 'Coût pédagogique',
  transport: 'Transport',
  hebergement: 'Hébergement',
  repas: 'Repas',
  salaire: 'Coût salarial',
} as const
export type TrainingCostKind = keyof typeof TRAINING_COST_KINDS

/** The same cost kinds as lines of the training report. */
export const TRAINING_COST_GROUPS: Record<TrainingCostKind, string> = {
  pedagogique: 'Coûts pédagogiques',
  transport: 'Frais annexes : transport',
  hebergement: 'Frais annexes : hébergement',
  repas: 'Frais annexes : repas',
  salaire: 'Coûts salariaux',
}

export const TRAINING_FUNDERS = {
  employeur: 'Employeur',
  uniformation: 'Uniformation (OPCO)',
  cpf: 'CPF',
  autre: 'Autre',
} as const

/** Uniformation's financing modes (refunds of the training report). */
export const TRAINING_FUNDING_MODES = {
  alternance: 'Alternance',
  fonction_tutorale: 'Exercice de la fonction tutorale',
  fonds_mutualises_plan: 'Fonds mutualisés du plan',
} as const

/** `<select>` options of a vocabulary record, in its declared order. */
export function optionsOf(labels: Record<string, string>, first: string[] = []) {
  const codes = [...first, ...Object.keys(labels).filter((code) => !first.includes(code))]
  return codes.map((value) => ({ value, label: labels[value] }))
}

/** What the HR forms offer, read by the views. */
export const HR_OPTIONS = {
  sexes: optionsOf(SEXES),
  contractTypes: optionsOf(CONTRACT_TYPES),
  endReasons: optionsOf(END_REASONS),
  /** The end of a CDD first, on the hiring form. */
  endReasonsCddFirst: optionsOf(END_REASONS, ['fin_cdd']),
  csp: optionsOf(CSP_CATEGORIES),
  /** A hiring is recorded with its contract: last on the salary form. */
  salaryEventKinds: optionsOf(SALARY_EVENT_KINDS, ['raise', 'promotion', 'general']),
  leaveKinds: optionsOf(LEAVE_KINDS),
  trainingKinds: optionsOf(TRAINING_KINDS),
  trainingCostKinds: optionsOf(TRAINING_COST_KINDS),
  trainingFunders: optionsOf(TRAINING_FUNDERS),
  trainingFundingModes: optionsOf(TRAINING_FUNDING_MODES),
}
