import { vocabularies } from '#vocabulary/labels'

/**
 * The staff register's enumerations, each defined once with its French labels: validators
 * (`vine.enum(codesOf(X))`), imports, reports, the forms' options and the CHECKs of migration
 * 3000 read them.
 */

export const SEXES = { F: 'Femme', H: 'Homme' } as const
export type Sex = keyof typeof SEXES

export const {
  CONTRACT_TYPES,
  END_REASONS,
  CSP_CATEGORIES,
  EQUALITY_INDEX_MODES,
  SALARY_EVENT_KINDS,
  PAY_COMPONENT_KINDS,
  PAY_COMPONENT_SOURCES,
  TRAINING_KINDS,
  TRAINING_COST_KINDS,
  TRAINING_FUNDERS,
  TRAINING_FUNDING_MODES,
} = vocabularies({
  CONTRACT_TYPES: {
    cdi: 'CDI',
    cdd: 'CDD',
    cdd_remplacement: 'CDD de remplacement',
    apprentissage: "Contrat d'apprentissage",
    professionnalisation: 'Contrat de professionnalisation',
  },
  END_REASONS: {
    demission: 'Démission',
    rupture_conventionnelle: 'Rupture conventionnelle',
    licenciement: 'Licenciement',
    retraite: 'Retraite',
    fin_cdd: 'Fin de CDD',
    fin_periode_essai: "Fin de période d'essai",
    rupture_anticipee: 'Rupture anticipée',
    deces: 'Décès',
    autre: 'Autre',
  },
  /** Socio-professional categories (index égalité), one person's category in forms. */
  CSP_CATEGORIES: {
    ouvrier: 'Ouvrier',
    employe: 'Employé',
    tam: 'Technicien et agent de maîtrise',
    cadre: 'Ingénieur et cadre',
  },
  /** How the equality index groups people for the pay gap (HR settings). */
  EQUALITY_INDEX_MODES: {
    csp: 'Par catégorie socioprofessionnelle',
    level: 'Par niveau ou coefficient de classification',
  },
  /** Events of the salary history; the hiring one is recorded with the contract. */
  SALARY_EVENT_KINDS: {
    hire: 'Embauche',
    raise: 'Augmentation individuelle',
    promotion: 'Promotion',
    general: 'Augmentation générale',
  },
  /**
   * Pay components of a period (migration 9200), as a payroll or the DSN splits gross pay: the
   * equality index counts some of them (C. trav. L3221-3, domain.md §2 "Pay").
   */
  PAY_COMPONENT_KINDS: {
    base: 'Salaire brut de base',
    prime: 'Prime (objectifs, exceptionnelle, 13e mois, vacances…)',
    avantage_nature: 'Avantage en nature',
    heures_supplementaires: 'Heures supplémentaires ou complémentaires',
    prime_anciennete: "Prime d'ancienneté",
    indemnite_precarite: 'Indemnité de fin de contrat (précarité)',
    indemnite_rupture: 'Indemnité de rupture ou de départ à la retraite',
    epargne_salariale: 'Intéressement, participation, épargne salariale',
  },
  /** Where a pay component comes from: typed on the employee page, a staff list, the DSN (#19). */
  PAY_COMPONENT_SOURCES: {
    saisie: 'Saisie',
    import: 'Import de la liste du personnel',
    dsn: 'DSN',
  },
  TRAINING_KINDS: {
    plan: 'Plan de développement des compétences',
    alternance: 'Alternance',
    tutorat: 'Fonction tutorale',
    cpf: 'CPF',
    autre: 'Autre',
  },
  /** Cost lines of a training action, as entered. */
  TRAINING_COST_KINDS: {
    pedagogique: 'Coût pédagogique',
    transport: 'Transport',
    hebergement: 'Hébergement',
    repas: 'Repas',
    salaire: 'Coût salarial',
  },
  TRAINING_FUNDERS: {
    employeur: 'Employeur',
    uniformation: 'Uniformation (OPCO)',
    cpf: 'CPF',
    autre: 'Autre',
  },
  /** Uniformation's financing modes (refunds of the training report). */
  TRAINING_FUNDING_MODES: {
    alternance: 'Alternance',
    fonction_tutorale: 'Exercice de la fonction tutorale',
    fonds_mutualises_plan: 'Fonds mutualisés du plan',
  },
})
export type ContractType = keyof typeof CONTRACT_TYPES

export type EndReason = keyof typeof END_REASONS

export type Csp = keyof typeof CSP_CATEGORIES

/** The same categories as groups of people, in the report tables. */
export const CSP_GROUPS: Record<Csp, string> = {
  ouvrier: 'Ouvriers',
  employe: 'Employés',
  tam: 'Techniciens et agents de maîtrise',
  cadre: 'Ingénieurs et cadres',
}

export type EqualityIndexMode = keyof typeof EQUALITY_INDEX_MODES

export const LEAVE_KINDS = { maternite: 'Maternité', adoption: 'Adoption' } as const

export type PayComponentKind = keyof typeof PAY_COMPONENT_KINDS

/**
 * What the equality index does with each kind: the base salary is the salary history's
 * full-time annual rate ('base': a base component is not added again); bonuses and benefits
 * in kind are added ('counted'); overtime, seniority bonuses, severance and precarity
 * payments, profit sharing are left out ('excluded').
 */
export const PAY_COMPONENT_INDEX_RULE: Record<PayComponentKind, 'base' | 'counted' | 'excluded'> = {
  base: 'base',
  prime: 'counted',
  avantage_nature: 'counted',
  heures_supplementaires: 'excluded',
  prime_anciennete: 'excluded',
  indemnite_precarite: 'excluded',
  indemnite_rupture: 'excluded',
  epargne_salariale: 'excluded',
}

/** The kinds in the index page's sentence ("salaire brut de base + primes + avantages en nature"). */
export const PAY_COMPONENT_PLURALS: Record<PayComponentKind, string> = {
  base: 'salaire brut de base',
  prime: 'primes',
  avantage_nature: 'avantages en nature',
  heures_supplementaires: 'heures supplémentaires',
  prime_anciennete: "primes d'ancienneté",
  indemnite_precarite: 'indemnités de précarité',
  indemnite_rupture: 'indemnités de rupture',
  epargne_salariale: 'épargne salariale',
}

/** French wording of the pay components' named constraints (start/refusals.ts). */
export const PAY_COMPONENT_CONSTRAINT_MESSAGES: Record<string, string> = {
  pay_components_period: 'La fin de la période précède son début.',
  pay_components_amount: 'Le montant ne peut pas être nul.',
  pay_components_cancel_reason: "L'annulation d'un élément de paie demande un motif.",
}

/** French wording of the staff register's named constraints (start/refusals.ts). */
export const CONTRACT_CONSTRAINT_MESSAGES: Record<string, string> = {
  contracts_dates: 'La date de fin précède la date de début.',
  contracts_no_overlap: 'Ce contrat chevauche un autre contrat du même salarié.',
}

/** French wording of the training records' named constraints (migration 9000). */
export const TRAINING_CONSTRAINT_MESSAGES: Record<
  string,
  string | { message: string; field?: string }
> = {
  training_financing_received_positive: {
    message: 'Le montant reçu ne peut pas être négatif.',
    field: 'amountReceived',
  },
  training_financing_received_after_request: {
    message: 'Le remboursement ne peut pas être reçu avant la demande.',
    field: 'receivedOn',
  },
  training_financing_received_dated: {
    message: 'Un montant reçu a une date de réception.',
    field: 'receivedOn',
  },
  training_participants_active_unique: 'Ce salarié participe déjà à cette session.',
  training_sessions_dates: 'La date de fin précède la date de début.',
}

export type TrainingCostKind = keyof typeof TRAINING_COST_KINDS

/** The same cost kinds as lines of the training report. */
export const TRAINING_COST_GROUPS: Record<TrainingCostKind, string> = {
  pedagogique: 'Coûts pédagogiques',
  transport: 'Frais annexes : transport',
  hebergement: 'Frais annexes : hébergement',
  repas: 'Frais annexes : repas',
  salaire: 'Coûts salariaux',
}

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
  payComponentKinds: optionsOf(PAY_COMPONENT_KINDS, ['prime', 'avantage_nature']),
  trainingKinds: optionsOf(TRAINING_KINDS),
  trainingCostKinds: optionsOf(TRAINING_COST_KINDS),
  trainingFunders: optionsOf(TRAINING_FUNDERS),
  trainingFundingModes: optionsOf(TRAINING_FUNDING_MODES),
}
