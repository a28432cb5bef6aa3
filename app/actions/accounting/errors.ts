import { RuleError } from '#support/domain_errors'

/**
 * A business rule of the ledger refused the operation; the message is French, for the user.
 * The ledger triggers' own refusals (SQLSTATE P0001, French text) go through the shared
 * translation (`underDatabaseRules`, docs/adr/0007-refusal-path.md).
 */
export class LedgerError extends RuleError {}
