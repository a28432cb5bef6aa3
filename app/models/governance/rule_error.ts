import { RuleError } from '#support/domain_errors'

/** A rule of the statutes is broken: shown in French on the page, nothing is changed. */
export class GovernanceRuleError extends RuleError {}

const CONSTRAINT_MESSAGES: Record<string, string> = {
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
}

/**
 * The database enforces the same rules as the domain (triggers raise French messages; CHECK
 * constraints are named): turn its refusals into GovernanceRuleError, rethrow anything else.
 */
export function asRuleError(error: unknown): unknown {
  const pg = error as { code?: string; constraint?: string; message?: string }
  if (pg?.constraint && CONSTRAINT_MESSAGES[pg.constraint]) {
    return new GovernanceRuleError(CONSTRAINT_MESSAGES[pg.constraint])
  }
  if (pg?.code === '23514' && !pg.constraint && pg.message) {
    return new GovernanceRuleError(pg.message)
  }
  return error
}

export async function underRules<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw asRuleError(error)
  }
}
