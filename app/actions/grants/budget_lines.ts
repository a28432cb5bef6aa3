import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Grant from '#models/grants/grant'
import Programme from '#models/activity/programme'
import { lockGrant } from '#actions/grants/conventions'
import { GrantRuleError } from '#actions/grants/errors'
import { COST_NATURES, FINAL_STATUSES } from '#vocabulary/grants'

/**
 * The rules of a convention's cost budget, shared by its add, update and delete actions: the
 * budget of a closed, refused or cancelled convention stays as it was; a line is a known cost
 * nature or a programme of the organisation.
 */
export async function lockOpenGrant(grantId: number, trx: TransactionClientContract) {
  const grant = await lockGrant(grantId, trx)
  assertBudgetOpen(grant)
  return grant
}

export function assertBudgetOpen(grant: Grant) {
  if (FINAL_STATUSES.includes(grant.status))
    throw new GrantRuleError(
      `La convention ${grant.reference} est ${grant.statusLabel.toLowerCase()} : son budget ne peut plus être modifié.`
    )
}

/** The nature or the programme a budget line's key (`nature:<code>`, `programme:<id>`) names. */
export async function budgetKeyOf(line: string, trx: TransactionClientContract) {
  const [kind, value] = line.split(':')
  if (kind === 'nature') {
    if (!Object.hasOwn(COST_NATURES, value))
      throw new GrantRuleError('Nature de charge inconnue : choisissez-la dans la liste.')
    return { nature: value, programmeId: null }
  }
  const programme = await Programme.query({ client: trx }).where('id', Number(value)).first()
  if (!programme) throw new GrantRuleError('Dispositif introuvable : choisissez-le dans la liste.')
  return { nature: null, programmeId: programme.id }
}
