import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import type { ScenarioParams } from '#reports/treasury/cash_forecast'
import { scenarioValidator } from '#validators/treasury'

/**
 * The scenario of the forecast page from its query string (empty fields left out). A refused
 * value gives its French messages and no scenario: the forecast is then shown as it stands.
 */
export async function scenarioOf(
  request: HttpContext['request']
): Promise<{ params: ScenarioParams; errors: string[] }> {
  const query = Object.fromEntries(
    Object.entries(request.qs()).filter(([, value]) => value !== '' && value !== undefined)
  )
  const [error, input] = await scenarioValidator.tryValidate(query)
  if (error) {
    const messages =
      error instanceof errors.E_VALIDATION_ERROR
        ? (error.messages as Array<{ message: string }>).map((m) => m.message)
        : ['Scénario refusé.']
    return { params: {}, errors: messages }
  }
  return {
    params: {
      funderId: input.financeur,
      days: input.retard,
      scheduleId: input.echeance,
      reduction: input.reduction,
      kind: input.type,
    },
    errors: [],
  }
}
