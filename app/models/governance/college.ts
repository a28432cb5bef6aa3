import { compose } from '@adonisjs/core/helpers'
import { CollegeSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { COLLEGE_RULE_KINDS } from '#vocabulary/governance'

export type CollegeVoteRule = { kind: 'fixed_per_seat'; votes: number } | { kind: 'consultative' }

/**
 * Votes of a seat of a college with this rule unless the seat carries its own (derived) rule. A
 * consultative seat has one voice, shown in tallies but never counted.
 */
export function collegeDefaultVotes(rule: CollegeVoteRule): number {
  return rule.kind === 'fixed_per_seat' ? Number(rule.votes ?? 1) : 1
}

/** The rule of a college in words ("3 voix par siège", "Voix consultative"). */
export function collegeRuleLabel(rule: CollegeVoteRule) {
  if (rule.kind === 'consultative') return COLLEGE_RULE_KINDS.consultative
  return `${collegeDefaultVotes(rule)} voix par siège`
}

export default class College extends compose(
  CollegeSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  get rule(): CollegeVoteRule {
    return this.voteRule as CollegeVoteRule
  }

  get isConsultative() {
    return !this.deliberative
  }

  /** Votes of a seat of this college unless the seat carries its own rule (collegeDefaultVotes). */
  get defaultVotes(): number {
    return collegeDefaultVotes(this.rule)
  }

  get ruleLabel() {
    return collegeRuleLabel(this.rule)
  }
}
