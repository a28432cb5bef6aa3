/**
 * The grants domain's enumerations, each once, with its French labels (docs/architecture.md,
 * "Vocabulary"). Validators read `codesOf(...)`, models, reports, exports and views the labels.
 * The CHECKs of the grants migrations hold the same codes (a migration is frozen once run).
 */

/** Category of a funder (a "regroupement" is a line of the income statement, not a payer). */
export const FUNDER_CATEGORIES = {
  regroupement: 'Regroupement (ligne du compte de résultat)',
  etat_dreets: 'État : DREETS / DEETS',
  france_travail: 'France Travail (Pôle emploi)',
  pic: 'PIC',
  contrat_de_ville: 'Contrat de Ville',
  fse: 'FSE+',
  feder: 'FEDER / Interreg',
  region: 'Région',
  departement: 'Département',
  metropole: 'Métropole',
  epci: 'Autre EPCI',
  contrats_aides: 'Contrats aidés / ASP',
  autre_public: 'Autre financeur public',
  prive: 'Financeur privé',
} as const
export type FunderCategory = keyof typeof FUNDER_CATEGORIES

/** Status of a convention, which is also the kind of its lifecycle steps (grant_events). */
export const GRANT_STATUSES = {
  requested: 'Demandée',
  notified: 'Notifiée',
  signed: 'Signée',
  report_sent: 'Bilan envoyé',
  balance_requested: 'Solde demandé',
  closed: 'Clôturée',
  refused: 'Refusée',
  reduced: 'Réduite',
  cancelled: 'Annulée',
} as const
export type GrantStatus = keyof typeof GRANT_STATUSES

/** Statuses after which nothing more is paid or scheduled on the convention. */
export const FINAL_STATUSES: readonly string[] = ['closed', 'refused', 'cancelled']

/** Reporting deadlines of a convention. */
export const DEADLINE_KINDS = {
  interim_report: 'Bilan intermédiaire',
  final_report: 'Bilan final',
  balance_request: 'Demande de solde',
  other: 'Autre échéance',
} as const
export type DeadlineKind = keyof typeof DEADLINE_KINDS

/** Lines of a convention's payment schedule. */
export const SCHEDULE_KINDS = {
  advance: 'Avance',
  instalment: 'Acompte',
  balance: 'Solde',
} as const
export type ScheduleKind = keyof typeof SCHEDULE_KINDS

/** Kinds of the dashboard's 90-day list: reporting deadlines and expected payments. */
export const DASHBOARD_DEADLINE_KINDS: Record<string, string> = {
  ...DEADLINE_KINDS,
  ...Object.fromEntries(
    Object.entries(SCHEDULE_KINDS).map(([code, label]) => [
      `payment_${code}`,
      `Versement : ${label}`,
    ])
  ),
}

/** Flat rates of indirect costs (EU regulation 2021/1060), with the basis each applies to. */
export const FLAT_RATES = {
  '0': 'Aucun taux forfaitaire',
  '7': '7 % des coûts directs (art. 54 a)',
  '15': '15 % des frais de personnel directs (art. 54 b)',
  '20': '20 % des coûts directs hors personnel (art. 55.1)',
  '40': '40 % des frais de personnel directs (art. 56)',
} as const
export type FlatRate = keyof typeof FLAT_RATES

/** The cost basis of each flat rate (null: no flat rate). */
export const FLAT_RATE_BASES: Record<FlatRate, string | null> = {
  '0': null,
  '7': 'direct_costs',
  '15': 'direct_staff_costs',
  '20': 'other_direct_costs',
  '40': 'direct_staff_costs',
}

/** Consumption of a convention against the time elapsed (dashboard). */
export const CONSUMPTION_STATES = {
  on_plan: 'Conforme',
  behind: 'En retard',
  ahead: 'En avance',
} as const
export type ConsumptionState = keyof typeof CONSUMPTION_STATES

/** `[{ value, label }]` of a vocabulary record, in its declared order (select options). */
export function optionsOf(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}

/** The labels and select options the convention's page reads. */
export const GRANT_PAGE_VOCABULARY = {
  statusLabels: GRANT_STATUSES,
  statusOptions: optionsOf(GRANT_STATUSES),
  scheduleLabels: SCHEDULE_KINDS,
  scheduleOptions: optionsOf(SCHEDULE_KINDS),
  deadlineLabels: DEADLINE_KINDS,
  deadlineOptions: optionsOf(DEADLINE_KINDS),
}
