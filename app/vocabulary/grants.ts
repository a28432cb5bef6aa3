import type { DateTime } from 'luxon'
import { labelOf, labelsWith, vocabularies } from '#vocabulary/labels'
import { formatDate } from '#support/french_format'

/**
 * The grants domain's enumerations, each once, with its French labels (docs/architecture.md,
 * "Vocabulary"). Validators read `codesOf(...)`, models, reports, exports and views the labels.
 * The CHECKs of the grants migration read the codes.
 */

export const {
  FUNDER_CATEGORIES,
  GRANT_STATUSES,
  INSTALMENT_STATES,
  ALLOCATION_SOURCES,
  CORRECTABLE_ITEMS,
  DEADLINE_KINDS,
  SCHEDULE_KINDS,
  FLAT_RATES,
  CONSUMPTION_STATES,
} = vocabularies({
  /** Category of a funder (a "regroupement" is a line of the income statement, not a payer). */
  FUNDER_CATEGORIES: {
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
  },
  /** Status of a convention, which is also the kind of its lifecycle steps (grant_events). */
  GRANT_STATUSES: {
    requested: 'Demandée',
    notified: 'Notifiée',
    signed: 'Signée',
    report_sent: 'Bilan envoyé',
    balance_requested: 'Solde demandé',
    closed: 'Clôturée',
    refused: 'Refusée',
    reduced: 'Réduite',
    cancelled: 'Annulée',
  },
  /** How an instalment stands at a date, from what the receipts up to that date pay of it. */
  INSTALMENT_STATES: {
    paid: 'Payée',
    partly_paid: 'Partiellement payée',
    overdue: 'En retard',
    to_come: 'À venir',
  },
  /** How a receipt was matched to the instalment it pays. */
  ALLOCATION_SOURCES: {
    form: 'Choisie',
    automatic: 'Automatique',
    migrated: 'Reprise',
  },
  /** The records of a convention that are corrected (edited, or cancelled with a reason). */
  CORRECTABLE_ITEMS: {
    schedule: 'Échéance de versement',
    receipt: 'Versement reçu',
    target: 'Objectif d’activité',
    deadline: 'Échéance de bilan',
    event: 'Étape',
  },
  /** Reporting deadlines of a convention. */
  DEADLINE_KINDS: {
    interim_report: 'Bilan intermédiaire',
    final_report: 'Bilan final',
    balance_request: 'Demande de solde',
    other: 'Autre échéance',
  },
  /** Lines of a convention's payment schedule. */
  SCHEDULE_KINDS: {
    advance: 'Avance',
    instalment: 'Acompte',
    balance: 'Solde',
  },
  /** Flat rates of indirect costs (EU regulation 2021/1060), with the basis each applies to. */
  FLAT_RATES: {
    '0': 'Aucun taux forfaitaire',
    '7': '7 % des coûts directs (art. 54 a)',
    '15': '15 % des frais de personnel directs (art. 54 b)',
    '20': '20 % des coûts directs hors personnel (art. 55.1)',
    '40': '40 % des frais de personnel directs (art. 56)',
  },
  /** Consumption of a convention against the time elapsed (dashboard). */
  CONSUMPTION_STATES: {
    on_plan: 'Conforme',
    behind: 'En retard',
    ahead: 'En avance',
  },
})
/**
 * Natures of a convention's costs (its budget by nature), by family of charge accounts as the
 * funder report reads them: staff (64x) apart, the other direct costs by class 6 chapter; the
 * fonds dédiés charge (689x) is no cost. Each with its charge accounts, as a PostgreSQL regular
 * expression on the number (COST_NATURE_ACCOUNTS).
 */
export const [COST_NATURES, COST_NATURE_ACCOUNTS] = labelsWith({
  purchases: ['Achats (60)', '^60'],
  external: ['Services extérieurs (61-62)', '^6[12]'],
  taxes: ['Impôts et taxes (63)', '^63'],
  staff: ['Frais de personnel (64)', '^64'],
  management: ['Autres charges de gestion courante (65)', '^65'],
  other: ['Charges financières, exceptionnelles, dotations (66-68)', '^6[678]'],
})
export type CostNature = keyof typeof COST_NATURES

export type FunderCategory = keyof typeof FUNDER_CATEGORIES

export type GrantStatus = keyof typeof GRANT_STATUSES

/** Statuses after which nothing more is paid or scheduled on the convention. */
export const FINAL_STATUSES: readonly string[] = ['closed', 'refused', 'cancelled']

/**
 * The lifecycle of a convention: the steps that may follow each stage. A request is notified
 * (or refused), the notified convention signed, then reports are sent (one or several), the
 * balance requested and the convention closed; it is cancelled only before any report, and
 * reduced (an amendment lowering its amount) from its notification to its balance request.
 * A reduction does not move the convention along: the steps after it are those of the stage
 * before it (`nextSteps`). Closed, refused and cancelled conventions take no further step.
 */
export const GRANT_TRANSITIONS: Record<Exclude<GrantStatus, 'reduced'>, readonly GrantStatus[]> = {
  requested: ['notified', 'refused', 'cancelled'],
  notified: ['signed', 'reduced', 'cancelled'],
  signed: ['report_sent', 'reduced', 'cancelled'],
  report_sent: ['report_sent', 'balance_requested', 'closed', 'reduced'],
  balance_requested: ['closed', 'reduced'],
  closed: [],
  refused: [],
  cancelled: [],
}

/** The stage a convention is at, from its steps in order (cancelled steps left out). */
export function stageOf(steps: readonly string[]): Exclude<GrantStatus, 'reduced'> | null {
  const stage = [...steps].reverse().find((kind) => kind !== 'reduced')
  return stage && stage in GRANT_TRANSITIONS ? (stage as Exclude<GrantStatus, 'reduced'>) : null
}

/** The steps that may follow, from the convention's steps in order (cancelled ones left out). */
export function nextSteps(steps: readonly string[]): readonly GrantStatus[] {
  const stage = stageOf(steps)
  return stage ? GRANT_TRANSITIONS[stage] : ['requested']
}

const quoted = (status: string) => `« ${labelOf(GRANT_STATUSES, status)} »`

/**
 * Why `kind` cannot follow the convention's steps (French, shown on the page), or null when it
 * may. One message per kind of refusal, naming the steps that may come next.
 */
export function transitionRefusal(steps: readonly string[], kind: string): string | null {
  const allowed = nextSteps(steps)
  if ((allowed as readonly string[]).includes(kind)) return null
  const stage = stageOf(steps)
  const possible = allowed.length
    ? ` Étapes possibles : ${allowed.map(quoted).join(', ')}.`
    : ' Annulez d’abord sa dernière étape si elle est erronée.'
  if (stage === null)
    return `La convention n’a pas encore d’étape : enregistrez d’abord sa demande.`
  if (FINAL_STATUSES.includes(stage))
    return `La convention est ${labelOf(GRANT_STATUSES, stage).toLowerCase()} : aucune étape ne peut plus y être enregistrée.${possible}`
  if (kind === stage) return `La convention est déjà à l’étape ${quoted(kind)}.${possible}`
  if (kind === 'refused')
    return `Seule une demande pas encore notifiée peut être refusée par le financeur ; la convention en est à l’étape ${quoted(stage)}.${possible}`
  if (kind === 'cancelled')
    return `Une convention dont un bilan a été envoyé ne peut plus être annulée : réduisez-la par avenant puis clôturez-la.${possible}`
  if (kind === 'reduced')
    return `Une demande pas encore notifiée ne peut pas être réduite : enregistrez d’abord sa notification.${possible}`
  if (kind === 'requested')
    return `La demande est la première étape de la convention : elle ne peut pas revenir après ${quoted(stage)}.${possible}`
  const order = ['requested', 'notified', 'signed', 'report_sent', 'balance_requested', 'closed']
  if (order.indexOf(kind) < order.indexOf(stage))
    return `La convention en est déjà à l’étape ${quoted(stage)} : elle ne peut pas revenir à ${quoted(kind)}.${possible}`
  return `L’étape ${quoted(kind)} ne peut pas suivre ${quoted(stage)} : la convention doit d’abord passer par ${quoted(allowed.find((step) => order.includes(step)) ?? allowed[0])}.${possible}`
}

export type InstalmentState = keyof typeof INSTALMENT_STATES

export type CorrectableItem = keyof typeof CORRECTABLE_ITEMS

export type DeadlineKind = keyof typeof DEADLINE_KINDS

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

export type FlatRate = keyof typeof FLAT_RATES

/** The cost basis of each flat rate (null: no flat rate). */
export const FLAT_RATE_BASES: Record<FlatRate, string | null> = {
  '0': null,
  '7': 'direct_costs',
  '15': 'direct_staff_costs',
  '20': 'other_direct_costs',
  '40': 'direct_staff_costs',
}

export type ConsumptionState = keyof typeof CONSUMPTION_STATES

/** A cancelled record of a convention: when, by whom, why (the columns of migration 8800). */
export interface Cancellation {
  cancelledAt: DateTime | null
  cancelledActor: string | null
  cancelReason: string | null
}

/** « Annulé le 05/12/2026 par finance@… : motif », or null for a record not cancelled. */
export function cancellationNote(row: Cancellation) {
  if (!row.cancelledAt) return null
  return `Annulé le ${formatDate(row.cancelledAt)} par ${row.cancelledActor} : ${row.cancelReason}`
}

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
  instalmentStateLabels: INSTALMENT_STATES,
  cancellationNote,
}

/** What a refused convention change says when the database's check holds it back (ADR 7). */
const CONVENTION_RULE = 'Valeur refusée par une règle de cohérence de la convention.'
const REFERENCE_TAKEN = 'Cette référence est déjà utilisée.'
const CANCELLATION_REASON =
  'Une annulation porte sa date, son auteur et un motif de trois caractères au moins.'

/** French refusals of the grants tables' named constraints (start/refusals.ts registers them). */
export const GRANT_CONSTRAINT_MESSAGES: Record<string, string> = {
  funders_category_known: CONVENTION_RULE,
  funders_not_own_parent: CONVENTION_RULE,
  funders_organisation_id_name_unique: REFERENCE_TAKEN,
  grants_amount_positive: CONVENTION_RULE,
  grants_cofinancing_ratio: CONVENTION_RULE,
  grants_flat_rate_basis: CONVENTION_RULE,
  grants_flat_rate_known: CONVENTION_RULE,
  grants_period_ordered: CONVENTION_RULE,
  grants_status_known: CONVENTION_RULE,
  grants_organisation_id_reference_unique: REFERENCE_TAKEN,
  grant_amendments_amount_positive: CONVENTION_RULE,
  grant_deadlines_kind_known: CONVENTION_RULE,
  grant_documents_stored_name_unique: REFERENCE_TAKEN,
  grant_events_kind_known: CONVENTION_RULE,
  grant_line_allocations_amount_positive: CONVENTION_RULE,
  grant_payment_schedules_amount_positive: CONVENTION_RULE,
  grant_payment_schedules_kind_known: CONVENTION_RULE,
  grant_programmes_grant_id_programme_id_unique: REFERENCE_TAKEN,
  grant_receipts_amount_positive: CONVENTION_RULE,
  grant_reports_grant_id_period_start_period_end_unique: REFERENCE_TAKEN,
  grant_reports_period_ordered: CONVENTION_RULE,
  grant_targets_active_unique: 'Un objectif existe déjà pour cet indicateur et cette année.',
  grant_receipt_allocations_amount_positive: CONVENTION_RULE,
  grant_receipt_allocations_source_known: CONVENTION_RULE,
  grant_receipt_allocations_pair_unique: 'Ce versement paie déjà cette échéance.',
  grant_payment_schedules_cancellation_complete: CANCELLATION_REASON,
  grant_receipts_cancellation_complete: CANCELLATION_REASON,
  grant_targets_cancellation_complete: CANCELLATION_REASON,
  grant_deadlines_cancellation_complete: CANCELLATION_REASON,
  grant_events_cancellation_complete: CANCELLATION_REASON,
  grant_budget_lines_amount_positive: 'Le montant budgété est positif ou nul.',
  grant_budget_lines_nature_known: CONVENTION_RULE,
  grant_budget_lines_one_key: CONVENTION_RULE,
  grant_budget_lines_nature_unique:
    'Cette nature de charge a déjà une ligne de budget : modifiez-la.',
  grant_budget_lines_programme_unique: 'Ce dispositif a déjà une ligne de budget : modifiez-la.',
  grant_budget_lines_programme_fk: 'Dispositif introuvable.',
  grant_years_amount_positive: CONVENTION_RULE,
  grant_years_grant_id_year_unique: REFERENCE_TAKEN,
}
