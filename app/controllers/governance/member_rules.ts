import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { GovernanceRuleError } from '#models/governance/rule_error'

/**
 * Rules for editing member bodies and their representatives, checked inside the transaction
 * that saves them (rows locked first), so that a refusal leaves everything unchanged.
 */

const today = () => DateTime.now().setZone('Europe/Paris').toISODate()!

/** Seats not yet ended (running or to come), optionally narrowed by the caller. */
function openSeats(trx: TransactionClientContract) {
  return trx
    .from('seats')
    .where((q) => q.whereNull('mandate_end').orWhere('mandate_end', '>=', today()))
}

async function count(query: any) {
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

/** A body that holds a running seat stays active: end its mandates first. */
export async function assertBodyCanBeInactive(body: MemberBody, trx: TransactionClientContract) {
  if (await count(openSeats(trx).where('member_body_id', body.id))) {
    throw new GovernanceRuleError(
      `« ${body.name} » détient un siège en cours : clôturez ses mandats avant de le rendre inactif.`
    )
  }
}

/** Seats keep the history of the board (RESTRICT): a body that ever held one is kept. */
export async function assertBodyCanBeDeleted(body: MemberBody, trx: TransactionClientContract) {
  if (await count(trx.from('seats').where('member_body_id', body.id))) {
    throw new GovernanceRuleError(
      `« ${body.name} » a détenu des sièges : sa fiche est conservée pour l'historique (rendez-le inactif).`
    )
  }
  if (await count(trx.from('persons').where('member_body_id', body.id))) {
    throw new GovernanceRuleError(
      `« ${body.name} » a encore des représentants : rattachez-les à un autre membre ou supprimez-les d'abord.`
    )
  }
}

/** The person holding a running seat represents the body of that seat. */
export async function assertPersonCanMove(
  person: Person,
  memberBodyId: number | null,
  trx: TransactionClientContract
) {
  if (person.memberBodyId === memberBodyId) return
  const seats = openSeats(trx).where('person_id', person.id)
  if (memberBodyId) seats.whereNot('member_body_id', memberBodyId)
  if (await count(seats)) {
    throw new GovernanceRuleError(
      `${person.fullName} occupe un siège en cours pour son membre : clôturez ce mandat avant de la rattacher ailleurs.`
    )
  }
}

/** Deleting a person would blank the seats and attendance lists that name them (SET NULL). */
export async function assertPersonCanBeDeleted(person: Person, trx: TransactionClientContract) {
  const seats = await count(trx.from('seats').where('person_id', person.id))
  const attendances = await count(trx.from('attendances').where('person_id', person.id))
  if (seats || attendances) {
    throw new GovernanceRuleError(
      `${person.fullName} figure dans des mandats ou des feuilles de présence : sa fiche est conservée pour l'historique.`
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
