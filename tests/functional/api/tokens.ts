import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import CreateAccessToken from '#actions/core/create_access_token'
import { actingAs } from '#support/request_context'
import type { AccessTokenLifetime } from '#vocabulary/api'

/**
 * A personal access token of `user` for one of their organisations, with their roles there, as
 * the account page creates it.
 */
export async function tokenFor(
  user: User,
  options: {
    expiration?: AccessTokenLifetime
    name?: string
    /** Another organisation the user is a member of (their home one by default). */
    organisationId?: number
  } = {}
) {
  const organisationId = options.organisationId ?? user.organisationId
  const tenant = { organisationId, userId: user.id, label: user.email }
  const { row, token } = await actingAs(tenant, () =>
    CreateAccessToken.handle(tenant, {
      name: options.name ?? 'Script de test',
      expiration: options.expiration ?? '30',
    })
  )
  return { id: row.id, value: token.value!.release() }
}

/** A GET of the JSON API, with the token as a bearer when there is one. */
export function apiGet(client: ApiClient, url: string, token?: string) {
  const request = client.get(url).redirects(0)
  return token ? request.header('Authorization', `Bearer ${token}`) : request
}

/** An amount of the API: a string with two decimals, never a number. */
export const AMOUNT = /^-?\d+\.\d{2}$/
