import { GovernanceRuleError } from '#models/governance/rule_error'
import { ALTERNATE_STATUSES, VOTING_STATUSES, type AttendanceStatus } from '#vocabulary/governance'

/**
 * The statutes' rules on an attendance list, checked on the list as it will stand once a form
 * (one row or the whole list) is saved, before anything is written. The database checks the same
 * rules row by row (migrations 4000 and 8900).
 */

/** One convened person's row, as the rules see it. */
export interface AttendanceState {
  id: number
  name: string
  status: string
  proxyToId: number | null
  /** The titular's row, for an alternate. */
  alternateForId: number | null
}

export interface AttendanceChange {
  attendanceId: number
  status: AttendanceStatus
  proxyToId?: number | null
}

type ById = Map<number, AttendanceState>

/** Present in their own right, or an alternate present while their titular is substituted. */
export function sits(row: AttendanceState, byId: ById) {
  if (row.status !== 'present') return false
  if (row.alternateForId === null) return true
  return byId.get(row.alternateForId)?.status === 'substituted'
}

/** May cast a vote: a titular present or represented, or an alternate sitting in. */
export function mayVote(row: AttendanceState, byId: ById) {
  if (row.alternateForId !== null) return sits(row, byId)
  return (VOTING_STATUSES as readonly string[]).includes(row.status)
}

/** The alternate convened with a titular, if any. */
export function alternateOf(titular: AttendanceState, rows: AttendanceState[]) {
  return rows.find((row) => row.alternateForId === titular.id) ?? null
}

/**
 * The list once `changes` are applied, or a French refusal: a proxy goes to a member sitting,
 * within the cap of proxies per person; a member holding proxies stays present; a titular is
 * represented by their alternate only when the alternate is present, and an alternate is
 * present, absent or excused; who voted keeps the right to have voted.
 */
export function applyAttendanceChanges(
  rows: AttendanceState[],
  changes: AttendanceChange[],
  rules: { proxyCap: number; voted: Set<number> }
): AttendanceState[] {
  // Plain copies: rows may be models, whose attributes are not own properties.
  const next = new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        name: row.name,
        status: row.status,
        proxyToId: row.proxyToId,
        alternateForId: row.alternateForId,
      },
    ])
  )
  const changed: AttendanceState[] = []
  for (const change of changes) {
    const row = next.get(change.attendanceId)
    if (!row) throw new GovernanceRuleError("Ce membre n'est pas convoqué à cette séance.")
    const status = change.status
    if (
      row.alternateForId !== null &&
      !(ALTERNATE_STATUSES as readonly string[]).includes(status)
    ) {
      throw new GovernanceRuleError(
        `${row.name} est suppléant : il est présent, absent ou excusé (il siège quand son titulaire est représenté par lui).`
      )
    }
    let proxyToId: number | null = null
    if (status === 'represented') {
      proxyToId = change.proxyToId ?? null
      if (!proxyToId) {
        throw new GovernanceRuleError(
          `Indiquez le membre présent qui porte le pouvoir de ${row.name}.`
        )
      }
      if (proxyToId === row.id) {
        throw new GovernanceRuleError('Un membre ne peut pas se donner pouvoir à lui-même.')
      }
    }
    if (status === 'substituted' && !alternateOf(row, rows)) {
      throw new GovernanceRuleError(`${row.name} n'a pas de suppléant convoqué à cette séance.`)
    }
    row.status = status
    row.proxyToId = proxyToId
    changed.push(row)
  }
  const all = [...next.values()]
  for (const row of changed) checkRow(row, all, next, rules)
  return all
}

function checkRow(
  row: AttendanceState,
  all: AttendanceState[],
  byId: ById,
  rules: { proxyCap: number; voted: Set<number> }
) {
  if (row.proxyToId !== null) {
    const holder = byId.get(row.proxyToId)
    if (!holder || !sits(holder, byId)) {
      throw new GovernanceRuleError(
        `Le pouvoir ne peut être donné qu'à un membre présent à la séance (${holder?.name ?? 'membre inconnu'} ne l'est pas).`
      )
    }
    const held = all.filter((other) => other.proxyToId === holder.id).length
    if (held > rules.proxyCap) {
      throw new GovernanceRuleError(
        `${holder.name} détient déjà le nombre maximal de pouvoirs (${rules.proxyCap}).`
      )
    }
  }
  if (!sits(row, byId) && all.some((other) => other.proxyToId === row.id)) {
    throw new GovernanceRuleError(
      `${row.name} détient des pouvoirs : retirez-les avant de le déclarer non présent.`
    )
  }
  if (rules.voted.has(row.id) && !mayVote(row, byId)) {
    throw new GovernanceRuleError(
      `${row.name} a déjà voté : sa présence ne peut plus être retirée.`
    )
  }
  if (row.alternateForId === null) {
    const alternate = alternateOf(row, all)
    if (row.status === 'substituted' && alternate?.status !== 'present') {
      throw new GovernanceRuleError(
        `${row.name} ne peut être représenté par son suppléant que si celui-ci (${alternate?.name}) est présent.`
      )
    }
    if (alternate && row.status !== 'substituted' && rules.voted.has(alternate.id)) {
      throw new GovernanceRuleError(
        `Le suppléant de ${row.name} a déjà voté à sa place : la présence du titulaire ne peut plus changer.`
      )
    }
  } else {
    const titular = byId.get(row.alternateForId)!
    if (row.status !== 'present' && titular.status === 'substituted') {
      throw new GovernanceRuleError(
        `${row.name} siège à la place de ${titular.name} : indiquez d'abord la présence du titulaire.`
      )
    }
  }
}
