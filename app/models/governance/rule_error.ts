import { RuleError } from '#support/domain_errors'

/**
 * A rule of the statutes is broken: shown in French on the page, nothing is changed. The
 * database enforces the same rules (triggers raise French messages, CHECKs are named): its
 * refusals go through the shared translation (`underDatabaseRules`), with the statutes'
 * constraints' wording in #vocabulary/governance.
 */
export class GovernanceRuleError extends RuleError {}
