import { RuleError } from '#support/domain_errors'
import type { ManualItemInput } from '#validators/treasury'

/** An end date only for a monthly item, and not before its first date. */
export function checkManualItem(input: ManualItemInput) {
  if (input.endsOn && input.recurrence !== 'monthly') {
    throw new RuleError('Une dernière échéance ne se donne qu’à une opération mensuelle.', {
      field: 'endsOn',
    })
  }
  if (input.endsOn && input.endsOn < input.dueOn) {
    throw new RuleError('La dernière échéance ne peut pas précéder la première date.', {
      field: 'endsOn',
    })
  }
}
