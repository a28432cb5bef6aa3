import { RuleError } from '#support/domain_errors'

/**
 * A grants business rule refused the change (amount over the awarded total, closed convention,
 * ledger lines...). Nothing was written; the French message is shown on the page.
 */
export class GrantRuleError extends RuleError {}

/** Turns the database's own guards (raised in French by the grants triggers) into rule errors. */
export async function withDatabaseGuards<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'P0001') {
      // knex prefixes the SQL text: keep the trigger's French message only.
      throw new GrantRuleError(
        String((error as Error).message)
          .split(' - ')
          .pop()!
      )
    }
    if (code === '23514') {
      throw new GrantRuleError('Valeur refusée par une règle de cohérence de la convention.')
    }
    if (code === '23505') throw new GrantRuleError('Cette référence est déjà utilisée.')
    throw error
  }
}
