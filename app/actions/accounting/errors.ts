import { RuleError } from '#support/domain_errors'

/** A business rule of the ledger refused the operation; the message is French, for the user. */
export class LedgerError extends RuleError {}

/** The database raises integrity violations (triggers) with SQLSTATE P0001 and a French text. */
export function isLedgerTriggerError(error: unknown): error is { message: string; code: string } {
  return (
    typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P0001'
  )
}

/** Turns a trigger refusal into a LedgerError; rethrows anything else unchanged. */
export function translateDatabaseError(error: unknown): never {
  if (isLedgerTriggerError(error)) {
    const text = String(error.message).replace(/^.*?- /, '')
    throw new LedgerError(text)
  }
  throw error
}
