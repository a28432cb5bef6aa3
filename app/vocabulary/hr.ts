import { labelsWith, vocabularies } from '#vocabulary/labels'

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
  EQUALITY_INDEX_MODES,
  SALARY_EVENT_KINDS,
  PAY_COMPONENT_KINDS,
  PAY_COMPONENT_SOURCES,
  TRAINING_KINDS,
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

/**
 * Socio-professional categories (index égalité): one person's category in forms, each with its
 * group of people in the report tables (CSP_GROUPS).
 */
export const [CSP_CATEGORIES, CSP_GROUPS] = labelsWith({
  ouvrier: ['Ouvrier', 'Ouvriers'],
  employe: ['Employé', 'Employés'],
  tam: ['Technicien et agent de maîtrise', 'Techniciens et agents de maîtrise'],
  cadre: ['Ingénieur et cadre', 'Ingénieurs et cadres'],
})
export type Csp = keyof typeof CSP_CATEGORIES

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

/** Cost lines of a training action, as entered, each with its line in the training report. */
export const [TRAINING_COST_KINDS, TRAINING_COST_GROUPS] = labelsWith({
  pedagogique: ['Coût pédagogique', 'Coûts pédagogiques'],
  transport: ['Transport', 'Frais annexes : transport'],
  hebergement: ['Hébergement', 'Frais annexes : hébergement'],
  repas: ['Repas', 'Frais annexes : repas'],
  salaire: ['Coût salarial', 'Coûts salariaux'],
})
export type TrainingCostKind = keyof typeof TRAINING_COST_KINDS

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

/**
 * The monthly DSN (issue #19, NEODeS norm): the codes Socle reads and what they mean for the
 * register. A code outside these lists is refused with its line and rubric (ADR 17): Socle
 * never guesses what a payroll tool meant.
 */
export const {
  DSN_DECLARATION_TYPES,
  DSN_DECLARATION_STATUSES,
  DSN_CONTRACT_NATURES,
  DSN_PUBLIC_SCHEMES,
  DSN_END_REASONS,
  DSN_PAY_TYPES,
  DSN_BONUS_TYPES,
  DSN_OTHER_INCOME_TYPES,
  DSN_STOPPAGE_REASONS,
  DSN_SEXES,
} = vocabularies({
  /** S20.G00.05.002, type of the declaration (nature 01: monthly DSN). */
  DSN_DECLARATION_TYPES: {
    '01': 'Déclaration normale',
    '02': 'Déclaration normale néant',
    '03': 'Déclaration annule et remplace intégrale',
    '04': 'Déclaration annule',
    '05': 'Déclaration annule et remplace néant',
  },
  /** A month's declaration in Socle: the one in force, replaced by a later one, or cancelled. */
  DSN_DECLARATION_STATUSES: {
    active: 'En vigueur',
    replaced: 'Remplacée',
    cancelled: 'Annulée',
  },
  /** S21.G00.40.007, nature of the contract. */
  DSN_CONTRACT_NATURES: {
    '01': 'Contrat de travail à durée indéterminée de droit privé',
    '02': 'Contrat de travail à durée déterminée de droit privé',
    '07': 'Contrat à durée indéterminée intermittent',
    '10': 'Contrat à durée déterminée à objet défini',
  },
  /** S21.G00.40.008, public scheme of the contract (work-study contracts). */
  DSN_PUBLIC_SCHEMES: {
    '99': 'Non concerné',
    '61': 'Contrat de professionnalisation',
    '64': "Contrat d'apprentissage (entreprise artisanale ou de moins de 11 salariés)",
    '65': "Contrat d'apprentissage (entreprise non inscrite au répertoire des métiers)",
  },
  /** S21.G00.62.002, reason of the end of the contract. */
  DSN_END_REASONS: {
    '014': 'Licenciement pour motif économique',
    '020': 'Licenciement pour autre motif',
    '031': 'Fin de contrat à durée déterminée',
    '034': "Fin de période d'essai à l'initiative de l'employeur",
    '035': "Fin de période d'essai à l'initiative du salarié",
    '036': "Rupture anticipée d'un contrat à durée déterminée",
    '038': "Mise à la retraite par l'employeur",
    '039': "Départ à la retraite à l'initiative du salarié",
    '043': 'Rupture conventionnelle',
    '059': 'Démission',
    '066': 'Décès du salarié',
    '099': 'Autre fin de contrat',
  },
  /** S21.G00.51.011, type of remuneration of a pay period. */
  DSN_PAY_TYPES: {
    '001': 'Rémunération brute non plafonnée',
    '002': 'Salaire brut soumis à contributions d’assurance chômage',
    '010': 'Salaire de base',
    '017': 'Heures supplémentaires ou complémentaires aléatoires',
    '018': 'Heures supplémentaires structurelles',
  },
  /** S21.G00.52.001, type of bonus. */
  DSN_BONUS_TYPES: {
    '026': 'Prime exceptionnelle liée à l’activité',
    '027': 'Prime liée à l’activité avec période de rattachement spécifique',
    '029': 'Prime non liée à l’activité',
    '031': 'Prime d’ancienneté',
    '025': 'Indemnité de fin de contrat à durée déterminée',
    '035': 'Indemnité de rupture ou de départ',
  },
  /** S21.G00.54.001, type of other element of gross income. */
  DSN_OTHER_INCOME_TYPES: {
    '17': 'Avantage en nature : repas',
    '18': 'Avantage en nature : logement',
    '19': 'Avantage en nature : véhicule',
    '20': 'Avantage en nature : outils de communication',
    '21': 'Avantage en nature : autres',
    '25': 'Intéressement, participation, épargne salariale',
  },
  /** S21.G00.60.001, reason of a work stoppage. */
  DSN_STOPPAGE_REASONS: {
    '01': 'Maladie',
    '02': 'Maternité ou adoption',
    '03': 'Paternité ou accueil de l’enfant',
    '04': 'Congé suite à un accident de trajet',
    '05': 'Congé suite à maladie professionnelle',
    '06': 'Congé suite à accident de travail ou de service',
    '07': 'Femme enceinte dispensée de travail',
    '08': 'Temps partiel thérapeutique',
  },
  /** S21.G00.30.005. */
  DSN_SEXES: { '01': 'Masculin', '02': 'Féminin' },
})

export type DsnDeclarationType = keyof typeof DSN_DECLARATION_TYPES

/** The register's contract type of a DSN contract: its nature, then its public scheme. */
export function dsnContractType(nature: string, scheme: string | null, recourse: string | null) {
  if (scheme === '64' || scheme === '65') return 'apprentissage' as const
  if (scheme === '61') return 'professionnalisation' as const
  if (nature === '01' || nature === '07') return 'cdi' as const
  return recourse === '01' ? ('cdd_remplacement' as const) : ('cdd' as const)
}

/** The DSN codes the fixture generator writes for a register contract type. */
export const DSN_CONTRACT_CODES: Record<
  ContractType,
  { nature: string; scheme: string; recourse: string | null }
> = {
  cdi: { nature: '01', scheme: '99', recourse: null },
  cdd: { nature: '02', scheme: '99', recourse: '02' },
  cdd_remplacement: { nature: '02', scheme: '99', recourse: '01' },
  apprentissage: { nature: '02', scheme: '65', recourse: null },
  professionnalisation: { nature: '02', scheme: '61', recourse: null },
}

/** The register's end reason of a DSN end code (S21.G00.62.002). */
export const DSN_END_REASON_MAP: Record<keyof typeof DSN_END_REASONS, EndReason> = {
  '014': 'licenciement',
  '020': 'licenciement',
  '031': 'fin_cdd',
  '034': 'fin_periode_essai',
  '035': 'fin_periode_essai',
  '036': 'rupture_anticipee',
  '038': 'retraite',
  '039': 'retraite',
  '043': 'rupture_conventionnelle',
  '059': 'demission',
  '066': 'deces',
  '099': 'autre',
}

/**
 * The socio-professional category of a PCS-ESE code (S21.G00.40.004) by its first digit:
 * 2 and 3 cadres (heads of firms are counted with them), 4 intermediate professions, 5
 * employees, 6 workers. Anything else is not a PCS-ESE code of an employee.
 */
export function cspOfPcsEse(code: string): Csp | null {
  if (!/^[2-6][0-9]{2}[a-z]$/.test(code)) return null
  return ({ '2': 'cadre', '3': 'cadre', '4': 'tam', '5': 'employe', '6': 'ouvrier' } as const)[
    code[0] as '2' | '3' | '4' | '5' | '6'
  ]
}

/** A PCS-ESE code for each category, written by the fixture generator. */
export const PCS_ESE_OF_CSP: Record<Csp, string> = {
  cadre: '376a',
  tam: '467a',
  employe: '545a',
  ouvrier: '628a',
}

/** The pay component kind of each DSN pay code; the gross total (001, 002) is not a component. */
export const DSN_PAY_KIND: Record<string, PayComponentKind> = {
  'S21.G00.51:010': 'base',
  'S21.G00.51:017': 'heures_supplementaires',
  'S21.G00.51:018': 'heures_supplementaires',
  'S21.G00.52:026': 'prime',
  'S21.G00.52:027': 'prime',
  'S21.G00.52:029': 'prime',
  'S21.G00.52:031': 'prime_anciennete',
  'S21.G00.52:025': 'indemnite_precarite',
  'S21.G00.52:035': 'indemnite_rupture',
  'S21.G00.54:17': 'avantage_nature',
  'S21.G00.54:18': 'avantage_nature',
  'S21.G00.54:19': 'avantage_nature',
  'S21.G00.54:20': 'avantage_nature',
  'S21.G00.54:21': 'avantage_nature',
  'S21.G00.54:25': 'epargne_salariale',
}

/**
 * The register's leave kind of a stoppage reason; other stoppages are not recorded as leaves.
 * The DSN declares maternity and adoption under one reason (02): recorded as maternity, they
 * count alike in the equality index (return from maternity or adoption leave).
 */
export const DSN_LEAVE_KIND: Record<string, keyof typeof LEAVE_KINDS> = {
  '02': 'maternite',
}
