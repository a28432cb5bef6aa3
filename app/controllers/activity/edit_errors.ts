import { RuleError } from '#support/domain_errors'

/**
 * An activity referential rule refused the change (duplicate code, area without antenna...).
 * Nothing was written: the form comes back with its input and a French message.
 */
export class ActivityRuleError extends RuleError {}

/** Turns the database's guards (territory trigger, CHECKs, unique codes) into French rule errors. */
export async function withActivityGuards<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'P0001') {
      // knex prefixes the SQL text: keep the trigger's French message only.
      throw new ActivityRuleError(
        String((error as Error).message)
          .split(' - ')
          .pop()!
      )
    }
    if (code === '23505') throw new ActivityRuleError('Ce code est déjà utilisé.')
    if (code === '23514') {
      throw new ActivityRuleError(
        'Valeur refusée par une règle de cohérence : une antenne n’a pas de rattachement, un secteur se rattache à une antenne.'
      )
    }
    throw error
  }
}
