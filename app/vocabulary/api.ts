import { vocabularies } from '#vocabulary/labels'

/**
 * The JSON API's enumerations (issue #13), with their French labels (docs/architecture.md,
 * "Vocabulary"): read by the token form's validator, the account page and the API itself.
 */

export const { ACCESS_TOKEN_LIFETIMES, ACCESS_TOKEN_STATES } = vocabularies({
  /** How long a new personal access token lives, in days ('none': until it is revoked). */
  ACCESS_TOKEN_LIFETIMES: {
    '30': '30 jours',
    '90': '90 jours',
    '365': '1 an',
    'none': 'Sans expiration (jusqu’à révocation)',
  },
  /** State of a token on the account page. */
  ACCESS_TOKEN_STATES: {
    active: 'actif',
    expired: 'expiré',
    revoked: 'révoqué',
    /** Its owner may no longer act for its organisation (membership withdrawn, deactivated). */
    suspended: 'sans effet : plus d’accès à l’organisation',
  },
})
export type AccessTokenLifetime = keyof typeof ACCESS_TOKEN_LIFETIMES

/** The token form's choices, in their declared order. */
export const ACCESS_TOKEN_LIFETIME_OPTIONS = Object.entries(ACCESS_TOKEN_LIFETIMES).map(
  ([value, label]) => ({ value, label })
)
