import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { DateTime } from 'luxon'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { GovernanceRuleError } from '#models/governance/rule_error'

/**
 * Rules shared by the actions that edit member bodies and their representatives, checked inside
 * the transaction that saves them (rows locked first), so that a refusal leaves everything
 * unchanged.
 */

const today = () => DateTime.now().setZone('Europe/Paris').toISODate()!

/** Seats not yet ended (running or to come), optionally narrowed by the caller. */
export function openSeats(trx: TransactionClientContract) {
  return trx
    .from('seats')
    .where((q) => q.whereNull('mandate_end').orWhere('mandate_end', '>=', today()))
}

export async function count(query: DatabaseQueryBuilderContract) {
  const [{ total }] = await query.count('* as total')
  return Number(total)
}

export async function assertBodyNameFree(
  name: string,
  exceptId: number | null,
  trx: TransactionClientContract
) {
  const query = MemberBody.query({ client: trx }).whereRaw('lower(name) = lower(?)', [name])
  if (exceptId) query.whereNot('id', exceptId)
  const clash = await query.first()
  if (clash) {
    throw new GovernanceRuleError(
      `Un membre nommé « ${clash.name} » existe déjà : modifiez sa fiche plutôt que d'en créer une autre.`
    )
  }
}

export async function assertPersonNameFree(
  fullName: string,
  exceptId: number | null,
  trx: TransactionClientContract
) {
  const query = Person.query({ client: trx }).whereRaw('lower(full_name) = lower(?)', [fullName])
  if (exceptId) query.whereNot('id', exceptId)
  const clash = await query.first()
  if (clash) {
    throw new GovernanceRuleError(
      `Une personne nommée « ${clash.fullName} » existe déjà : modifiez sa fiche plutôt que d'en créer une autre.`
    )
  }
}

/** A concurrent insert can still hit the unique index: same French refusal. */
export async function uniqueName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new GovernanceRuleError('Un membre porte déjà ce nom dans votre organisation.')
    }
    throw error
  }
}

/** Today in Paris, the day from which derived weights are recomputed after an edit. */
export const parisToday = () => DateTime.now().setZone('Europe/Paris').startOf('day')
