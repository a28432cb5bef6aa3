import { Secret } from '@adonisjs/core/helpers'
import { symbols } from '@adonisjs/auth'
import { AccessToken } from '@adonisjs/auth/access_tokens'
import type {
  AccessTokensGuardUser,
  AccessTokensUserProviderContract,
} from '@adonisjs/auth/types/access_tokens'
import type AccessTokenRow from '#models/core/access_token'
import type User from '#models/core/user'
import { acrossTenants } from '#support/request_context'

/*
 * config/auth.ts builds this provider when the application boots, before any migration may
 * have run: the models (and database/schema.ts) are imported when a request needs them.
 */
const tokens = async () => (await import('#models/core/access_token')).default
const users = async () => (await import('#models/core/user')).default

/** Prefix of a token's value: lets secret scanners recognise a leaked Socle token. */
export const TOKEN_PREFIX = 'socle_'
/** Length of the random part of a secret (a CRC32 checksum follows it). */
export const SECRET_LENGTH = 40
/** The `type` of the auth package's tokens: one bucket, the JSON API. */
const TOKEN_TYPE = 'api'

/** Why a presented value authenticates nobody (the 401's French message depends on it). */
export type TokenRefusal = 'missing' | 'unknown' | 'revoked' | 'expired' | 'owner'

/** The auth package's token, with the organisation and roles it was issued for. */
export class ApiAccessToken extends AccessToken {
  declare organisationId: number
  declare roles: string[]
  declare revokedAt: Date | null

  constructor(row: AccessTokenRow, value?: { secret: Secret<string> }) {
    super({
      identifier: row.id,
      tokenableId: row.userId,
      type: TOKEN_TYPE,
      name: row.name,
      hash: row.hash,
      abilities: row.roles,
      createdAt: row.createdAt.toJSDate(),
      updatedAt: row.updatedAt.toJSDate(),
      lastUsedAt: row.lastUsedAt?.toJSDate() ?? null,
      expiresAt: row.expiresAt?.toJSDate() ?? null,
      ...(value ? { prefix: TOKEN_PREFIX, secret: value.secret } : {}),
    })
    this.organisationId = row.organisationId
    this.roles = row.roles
    this.revokedAt = row.revokedAt?.toJSDate() ?? null
  }
}

/** The stored row a presented value names (looked up across organisations: it is the tenant). */
async function rowOf(value: Secret<string>) {
  const decoded = AccessToken.decode(TOKEN_PREFIX, value.release())
  if (!decoded) return null
  const id = Number(decoded.identifier)
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null
  const AccessTokens = await tokens()
  const row = await acrossTenants('API token', () => AccessTokens.find(id))
  if (!row) return null
  const token = new ApiAccessToken(row)
  return token.verify(decoded.secret) ? { row, token } : null
}

/**
 * The user provider of the `api` guard (config/auth.ts): verifies a bearer value against its
 * stored hash, refuses revoked and expired tokens, records when the token was last used, and
 * finds its owner across organisations (the token, not a session, names the tenant). The
 * middleware (app/middleware/api_token_middleware.ts) then checks the owner's organisation
 * and roles and sets the tenant.
 */
export class ApiTokenUserProvider implements AccessTokensUserProviderContract<User> {
  declare [symbols.PROVIDER_REAL_USER]: User

  async createUserForGuard(user: User): Promise<AccessTokensGuardUser<User>> {
    return { getId: () => user.id, getOriginal: () => user }
  }

  /** Only through the account page's action (CreateAccessToken), which audits it. */
  async createToken(): Promise<AccessToken> {
    throw new Error('Create API tokens with the CreateAccessToken action.')
  }

  async invalidateToken(value: Secret<string>) {
    const found = await rowOf(value)
    if (!found || found.row.revokedAt) return false
    const AccessTokens = await tokens()
    await acrossTenants('API token', () =>
      AccessTokens.query()
        .where('id', found.row.id)
        .whereNull('revoked_at')
        .update({ revoked_at: new Date() })
    )
    return true
  }

  async findById(id: string | number | BigInt) {
    const Users = await users()
    const user = await acrossTenants('API token owner', () => Users.find(Number(id)))
    if (!user || !user.isActive) return null
    return this.createUserForGuard(user)
  }

  async verifyToken(value: Secret<string>): Promise<ApiAccessToken | null> {
    const found = await rowOf(value)
    if (!found || found.row.revokedAt || found.token.isExpired()) return null
    const AccessTokens = await tokens()
    await acrossTenants('API token', () =>
      AccessTokens.query().where('id', found.row.id).update({ last_used_at: new Date() })
    )
    found.token.lastUsedAt = new Date()
    return found.token
  }

  /** Why a value was refused (told to the client in French: it holds the secret anyway). */
  async refusalOf(
    value: string | undefined
  ): Promise<{ reason: TokenRefusal; tokenId: number | null }> {
    if (!value) return { reason: 'missing', tokenId: null }
    const found = await rowOf(new Secret(value))
    if (!found) return { reason: 'unknown', tokenId: null }
    const tokenId = found.row.id
    if (found.row.revokedAt) return { reason: 'revoked', tokenId }
    if (found.token.isExpired()) return { reason: 'expired', tokenId }
    return { reason: 'owner', tokenId }
  }
}
