import { createHash, randomBytes } from 'node:crypto'
import { compose } from '@adonisjs/core/helpers'
import type { DateTime } from 'luxon'
import { OneTimeLinkSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

export type OneTimeLinkPurpose = 'welcome' | 'reset'

/** How long a link stays usable, by purpose. */
export const LINK_LIFETIME_HOURS: Record<OneTimeLinkPurpose, number> = { welcome: 48, reset: 2 }

/** A token as it appears in a link: 32 random bytes in base64url (43 characters). */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/

/**
 * A single-use link sent to a user (welcome: choose a first password). Only the SHA-256 of
 * the token is stored: a copy of the database does not open anyone's account.
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
}
