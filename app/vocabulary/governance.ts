/**
 * The governance domain's enumerations, each once, with its French labels (docs/architecture.md,
 * "Vocabulary"). Validators read `codesOf(...)`, models, reports, exports and views the labels.
 * The CHECKs of the governance migrations hold the same codes (a migration is frozen once run).
 */

/** Category of a member body (a legal entity sitting on the board). */
export const MEMBER_KINDS = {
  epci: 'EPCI',
  collectivite: 'Collectivité',
  etat: 'État et organismes publics',
  partenaire: 'Partenaire économique et social',
  usagers: 'Usagers, personnes qualifiées',
  autre: 'Autre',
} as const

/** Kind of meeting (instance); each has its quorum rule. */
export const MEETING_KINDS = {
  ca: "Conseil d'administration",
  ag_ordinaire: 'Assemblée générale ordinaire',
  ag_extraordinaire: 'Assemblée générale extraordinaire',
  bureau: 'Bureau',
  comite_antenne: "Comité d'antenne",
} as const

/** Where a meeting stands. */
export const MEETING_STATUSES = {
  planned: 'Convoquée',
  held: 'Tenue',
  closed: 'Close (PV établi)',
  cancelled: 'Annulée',
} as const

/** A convened member's attendance at a meeting. */
export const ATTENDANCE_STATUSES = {
  present: 'Présent',
  excused: 'Excusé',
  absent: 'Absent',
  represented: 'Représenté',
} as const

/** Statuses whose member may vote (in person or through a proxy). */
export const VOTING_STATUSES = ['present', 'represented'] as const

/** Seat of a member: titular (votes) or alternate. */
export const SEAT_ROLES = { titular: 'Titulaire', alternate: 'Suppléant' } as const

/** How a mandate was obtained. */
export const OBTAINED_BY = {
  by_right: 'De droit',
  designated: 'Désigné',
  elected: "Élu par l'AG",
} as const

/** A college's vote rule, as the statutes set it (the form's choices). */
export const COLLEGE_RULE_KINDS = {
  fixed_per_seat: 'Voix délibératives, nombre fixe par siège',
  consultative: 'Voix consultative',
} as const

/** Nature of a college's or a member's voice. */
export const VOICE_NATURES = { deliberative: 'Délibérative', consultative: 'Consultative' } as const

/** Majority a resolution requires. */
export const MAJORITIES = {
  simple: 'Majorité simple des suffrages exprimés',
  absolute: 'Majorité absolue des voix présentes ou représentées',
  two_thirds: 'Majorité des deux tiers des voix présentes ou représentées',
} as const

/** What a resolution decides. */
export const SUBJECT_KINDS = {
  approve_accounts: "Approbation des comptes de l'exercice",
  allocate_result: 'Affectation du résultat',
  adopt_budget: 'Adoption du budget',
  appointment: 'Nomination',
  other: 'Autre',
} as const

/** Subjects that must name a fiscal year (accounting reads their adoption). */
export const FISCAL_YEAR_SUBJECTS: readonly string[] = ['approve_accounts', 'allocate_result']

/** Result of a resolution. */
export const RESOLUTION_RESULTS = {
  pending: 'En attente',
  adopted: 'Adoptée',
  rejected: 'Rejetée',
} as const

/** A member's vote on a resolution. */
export const VOTE_CHOICES = { for: 'Pour', against: 'Contre', abstention: 'Abstention' } as const

/** What a quorum counts (the form's labels; the Excel export says "Membres"). */
export const QUORUM_BASES = { members: 'Nombre de membres', votes: 'Voix pondérées' } as const

/** How the count compares with the quorum's threshold. */
export const QUORUM_COMPARISONS = { gte: 'Au moins le seuil', gt: 'Plus que le seuil' } as const

export type MemberKind = keyof typeof MEMBER_KINDS
export type MeetingKind = keyof typeof MEETING_KINDS
export type MeetingStatus = keyof typeof MEETING_STATUSES
export type AttendanceStatus = keyof typeof ATTENDANCE_STATUSES
export type SeatRole = keyof typeof SEAT_ROLES
export type ObtainedBy = keyof typeof OBTAINED_BY
export type Majority = keyof typeof MAJORITIES
export type SubjectKind = keyof typeof SUBJECT_KINDS
export type ResolutionResult = keyof typeof RESOLUTION_RESULTS
export type VoteChoice = keyof typeof VOTE_CHOICES

/** `{ value, label }` choices of a select, in the vocabulary's order. */
export function optionsOf(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}
