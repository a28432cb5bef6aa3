import { vocabularies } from '#vocabulary/labels'

/**
 * The governance domain's enumerations, each once, with its French labels (docs/architecture.md,
 * "Vocabulary"). Validators read `codesOf(...)`, models, reports, exports and views the labels,
 * and the CHECKs of the governance migration the codes.
 */

export const {
  MEMBER_KINDS,
  MEETING_KINDS,
  MEETING_STATUSES,
  ATTENDANCE_STATUSES,
  BUREAU_ROLES,
  CONVENED_BODIES,
  OBTAINED_BY,
  COLLEGE_RULE_KINDS,
  MAJORITIES,
  SUBJECT_KINDS,
  RESOLUTION_RESULTS,
} = vocabularies({
  /** Category of a member body (a legal entity sitting on the board). */
  MEMBER_KINDS: {
    epci: 'EPCI',
    collectivite: 'Collectivité',
    etat: 'État et organismes publics',
    partenaire: 'Partenaire économique et social',
    usagers: 'Usagers, personnes qualifiées',
    autre: 'Autre',
  },
  /** Kind of meeting (instance); each has its quorum rule. */
  MEETING_KINDS: {
    ca: "Conseil d'administration",
    ag_ordinaire: 'Assemblée générale ordinaire',
    ag_extraordinaire: 'Assemblée générale extraordinaire',
    bureau: 'Bureau',
    comite_antenne: "Comité d'antenne",
  },
  /** Where a meeting stands. */
  MEETING_STATUSES: {
    planned: 'Convoquée',
    held: 'Tenue',
    closed: 'Close (PV établi)',
    cancelled: 'Annulée',
  },
  /**
   * A convened member's attendance at a meeting. `represented`: through a proxy given to a member
   * present; `substituted`: a titular whose alternate, present, sits and votes in their place.
   */
  ATTENDANCE_STATUSES: {
    present: 'Présent',
    excused: 'Excusé',
    absent: 'Absent',
    represented: 'Représenté (pouvoir)',
    substituted: 'Représenté par son suppléant',
  },
  /** Offices of the bureau, held by titular seats of the board; the president chairs. */
  BUREAU_ROLES: {
    president: 'Président·e',
    vice_president: 'Vice-président·e',
    treasurer: 'Trésorier·ère',
    secretary: 'Secrétaire',
    member: 'Membre du bureau',
  },
  /**
   * Who each kind of meeting convenes: the bureau its members only; the board (CA, and the antenna
   * committees, whose own membership is not recorded) every seat of the colleges, consultative
   * voices included; a general assembly the members with voting rights (seats of the deliberative
   * colleges). Titulars come with their alternates, except at the bureau.
   */
  CONVENED_BODIES: {
    board: "Les membres du conseil d'administration, avec leurs suppléants",
    voting_members: 'Les membres à voix délibérative, avec leurs suppléants',
    bureau: 'Les membres du bureau',
  },
  /** How a mandate was obtained. */
  OBTAINED_BY: {
    by_right: 'De droit',
    designated: 'Désigné',
    elected: "Élu par l'AG",
  },
  /** A college's vote rule, as the statutes set it (the form's choices). */
  COLLEGE_RULE_KINDS: {
    fixed_per_seat: 'Voix délibératives, nombre fixe par siège',
    consultative: 'Voix consultative',
  },
  /** Majority a resolution requires. */
  MAJORITIES: {
    simple: 'Majorité simple des suffrages exprimés',
    absolute: 'Majorité absolue des voix présentes ou représentées',
    two_thirds: 'Majorité des deux tiers des voix présentes ou représentées',
  },
  /** What a resolution decides. */
  SUBJECT_KINDS: {
    approve_accounts: "Approbation des comptes de l'exercice",
    allocate_result: 'Affectation du résultat',
    adopt_budget: 'Adoption du budget',
    appointment: 'Nomination',
    other: 'Autre',
  },
  /** Result of a resolution. */
  RESOLUTION_RESULTS: {
    pending: 'En attente',
    adopted: 'Adoptée',
    rejected: 'Rejetée',
  },
})

/**
 * The meetings of the general assembly, with the short name that choices use ("AG du 20 juin
 * 2024"): only their adopted resolutions allocate a fiscal year's result (accounting's gate and
 * the CHECK trigger of migration 8700 read these codes).
 */
export const GENERAL_ASSEMBLY_KINDS = {
  ag_ordinaire: 'AG',
  ag_extraordinaire: 'AGE',
} as const satisfies Partial<Record<keyof typeof MEETING_KINDS, string>>

/** Statuses whose titular member may vote (in person or through a proxy). */
export const VOTING_STATUSES = ['present', 'represented'] as const

/**
 * Statuses an alternate may have: an alternate attends or not; they sit and vote (with the
 * titular's votes) only while their titular is `substituted`.
 */
export const ALTERNATE_STATUSES = ['present', 'absent', 'excused'] as const

/** Titular statuses that count as present for the quorum (the alternate sits in). */
export const PRESENT_STATUSES = ['present', 'substituted'] as const

/** Seat of a member: titular (votes) or alternate (sits in, with the votes, when the titular is absent). */
export const SEAT_ROLES = { titular: 'Titulaire', alternate: 'Suppléant' } as const

export const MEETING_BODIES: Record<keyof typeof MEETING_KINDS, keyof typeof CONVENED_BODIES> = {
  ca: 'board',
  ag_ordinaire: 'voting_members',
  ag_extraordinaire: 'voting_members',
  bureau: 'bureau',
  comite_antenne: 'board',
}

/**
 * Every kind a stored vote rule may have (the CHECK of colleges.vote_rule): the college form's
 * two, and a weight derived from other seats (a seat's own rule, `SeatVoteRule`).
 */
export const VOTE_RULE_KINDS = {
  ...COLLEGE_RULE_KINDS,
  derived: 'Voix dérivées des autres sièges du collège',
} as const

/** Nature of a college's or a member's voice. */
export const VOICE_NATURES = { deliberative: 'Délibérative', consultative: 'Consultative' } as const

/** Subjects that must name a fiscal year (accounting reads their adoption). */
export const FISCAL_YEAR_SUBJECTS: readonly string[] = ['approve_accounts', 'allocate_result']

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
export type BureauRole = keyof typeof BUREAU_ROLES
export type ConvenedBody = keyof typeof CONVENED_BODIES
export type ObtainedBy = keyof typeof OBTAINED_BY
export type Majority = keyof typeof MAJORITIES
export type SubjectKind = keyof typeof SUBJECT_KINDS
export type ResolutionResult = keyof typeof RESOLUTION_RESULTS
export type VoteChoice = keyof typeof VOTE_CHOICES
export type CollegeRuleKind = keyof typeof COLLEGE_RULE_KINDS
export type QuorumBasis = keyof typeof QUORUM_BASES
export type QuorumComparison = keyof typeof QUORUM_COMPARISONS

/** `{ value, label }` choices of a select, in the vocabulary's order. */
export function optionsOf(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}

/** French refusals of the statutes' named constraints (start/refusals.ts registers them). */
export const GOVERNANCE_CONSTRAINT_MESSAGES: Record<string, string> = {
  seats_mandate_end_after_start: 'La fin du mandat doit être postérieure à son début.',
  attendances_proxy_iff_represented:
    'Un membre représenté doit désigner le membre présent qui porte son pouvoir (et seulement lui).',
  attendances_not_own_proxy: 'Un membre ne peut pas se donner pouvoir à lui-même.',
  resolutions_fiscal_year:
    "L'approbation des comptes et l'affectation du résultat doivent désigner un exercice.",
  meetings_convened_before: 'La convocation doit précéder la séance.',
  votes_resolution_id_attendance_id_unique: 'Ce membre a déjà voté sur cette résolution.',
  resolutions_meeting_id_position_unique: 'Une résolution porte déjà ce numéro dans la séance.',
  attendances_meeting_id_seat_id_unique: 'Ce siège est déjà convoqué à la séance.',
  // The member rules (migration 8900): the domain says them first, with names; these are the
  // database's own refusals, for any path that bypasses the domain.
  member_bodies_seated_kept:
    "Ce membre a détenu des sièges : sa fiche est conservée pour l'historique (rendez-le inactif).",
  seats_never_deleted:
    "Un mandat n'est jamais supprimé : clôturez-le (date de fin) pour garder l'historique du conseil.",
  persons_seated_stay_with_body:
    'Cette personne occupe un siège en cours pour son membre : clôturez ce mandat avant de la rattacher ailleurs.',
  seats_person_of_member_body:
    "Le représentant d'un siège en cours doit être rattaché au membre qui détient ce siège.",
  seats_titular_of_alternate:
    'Un suppléant doit désigner le titulaire qu’il supplée (et seulement lui).',
  seats_alternate_of_titular: 'Un suppléant supplée un titulaire de son propre collège.',
  seats_one_alternate_per_titular: 'Ce titulaire a déjà un suppléant pendant ce mandat.',
  seats_bureau_titular: 'Seul un titulaire peut siéger au bureau.',
  seats_one_president: 'Le bureau a déjà un président : retirez-lui cette fonction d’abord.',
  meetings_not_held_before_date:
    'Une séance datée dans le futur ne peut pas être marquée tenue : saisissez les présences le jour de la séance.',
  resolutions_final_once_minutes_signed:
    'Le procès-verbal signé est déposé : le résultat des résolutions ne peut plus être rectifié.',
  attendances_alternate_status: 'Un suppléant est présent, absent ou excusé.',
  resolution_rectifications_reason: 'Indiquez le motif de la rectification.',
}
