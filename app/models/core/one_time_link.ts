import { createHash, randomBytes } from 'node:crypto'
import { compose } from '@adonisjs/core/helpers'
import type { DateTime } from 'luxon'
import { OneTimeLinkSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import type { OneTimeLinkPurpose } from '#vocabulary/core'

export type { OneTimeLinkPurpose } from '#vocabulary/core'

/** How long a link stays usable, by purpose (issue #13: 48 hours, and 1 hour for a reset). */
export const LINK_LIFETIME_HOURS: Record<OneTimeLinkPurpose, number> = {
  welcome: 48,
  invitation: 48,
  reset: 1,
}

/** A token as it appears in a link: 32 random bytes in base64url (43 characters). */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/

/** What a link is worth at a given moment. */
export type OneTimeLinkState = 'usable' | 'used' | 'revoked' | 'expired'

/**
 * A single-use link sent to a user (welcome, invitation: choose a first password; reset: choose
 * a new one). Only the SHA-256 of the token is stored: a copy of the database does not open
 * anyone's account.
 */
export default class OneTimeLink extends compose(OneTimeLinkSchema, OrganisationScoped) {
  static newToken() {
    return randomBytes(32).toString('base64url')
  }

  /** The stored hash of a token, or null when the text cannot be a token at all. */
  static hashToken(token: string) {
    if (!TOKEN_FORMAT.test(token)) return null
    return createHash('sha256').update(token).digest('hex')
  }

  isExpiredAt(now: DateTime) {
    return this.expiresAt <= now
  }

  stateAt(now: DateTime): OneTimeLinkState {
    if (this.usedAt) return 'used'
    if (this.revokedAt) return 'revoked'
    if (this.isExpiredAt(now)) return 'expired'
    return 'usable'
  }
}
