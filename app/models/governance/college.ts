import { compose } from '@adonisjs/core/helpers'
import { CollegeSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { COLLEGE_RULE_KINDS } from '#vocabulary/governance'

export type CollegeVoteRule = { kind: 'fixed_per_seat'; votes: number } | { kind: 'consultative' }

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

  /**
   * Votes of a seat of this college unless the seat carries its own (derived) rule. A
   * consultative seat has one voice, shown in tallies but never counted.
   */
  get defaultVotes(): number {
    return this.rule.kind === 'fixed_per_seat' ? Number(this.rule.votes ?? 1) : 1
  }

  get ruleLabel() {
    if (this.rule.kind === 'consultative') return COLLEGE_RULE_KINDS.consultative
    return `${this.defaultVotes} voix par siège`
  }
}
