import { RuleError } from '#support/domain_errors'

/**
 * A grants business rule refused the change (amount over the awarded total, closed convention,
 * ledger lines...). Nothing was written; the French message is shown on the page. The
 * database's own refusals go through the shared translation (`underDatabaseRules`), with the
 * grants constraints' wording in #vocabulary/grants.
 */
export class GrantRuleError extends RuleError {}
