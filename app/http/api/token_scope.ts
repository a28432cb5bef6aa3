import Membership from '#models/core/membership'
import type User from '#models/core/user'

/**
 * The roles `user` holds now in `organisationId`: their membership there, when it and the
 * organisation are still active (ADR 9); none otherwise.
 */
export async function rolesIn(user: User, organisationId: number): Promise<string[]> {
  if (!user.isActive) return []
  const choice = (await Membership.choicesOf(user)).find(
    (membership) => membership.organisationId === organisationId && membership.usable
  )
  return choice ? [...choice.roles] : []
}

/**
 * What an API call may do: the roles the owner holds now AND held when the token was created,
 * so a token follows its owner's demotion at once and never gains a later promotion.
 */
export async function tokenRoles(user: User, token: { organisationId: number; roles: string[] }) {
  return (await rolesIn(user, token.organisationId)).filter((role) => token.roles.includes(role))
}
