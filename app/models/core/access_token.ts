import { compose } from '@adonisjs/core/helpers'
import type { DateTime } from 'luxon'
import { AccessTokenSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

export type AccessTokenState = 'active' | 'expired' | 'revoked'

/**
 * A personal access token of the JSON API: one user, one organisation (the tenant of its
 * calls), the roles its owner held there when it was created. Only the SHA-256 of the secret
 * is stored; `ApiTokenUserProvider` (access_token_provider.ts) verifies a presented value.
 */
export default class AccessToken extends compose(AccessTokenSchema, OrganisationScoped) {
  stateAt(now: DateTime): AccessTokenState {
    if (this.revokedAt) return 'revoked'
    if (this.expiresAt && this.expiresAt <= now) return 'expired'
    return 'active'
  }
}
