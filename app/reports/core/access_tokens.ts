import { DateTime } from 'luxon'
import AccessToken, { type AccessTokenState } from '#models/core/access_token'
import Membership from '#models/core/membership'
import Organisation from '#models/core/organisation'
import { Report } from '#support/report'
import { acrossTenants } from '#support/request_context'

export interface AccessTokenLine {
  id: number
  name: string
  organisationName: string
  roles: string[]
  /** 'suspended': its owner may no longer act for its organisation, so its calls are refused. */
  state: AccessTokenState | 'suspended'
  createdAt: DateTime
  expiresAt: DateTime | null
  lastUsedAt: DateTime | null
  revokedAt: DateTime | null
}

export interface AccessTokensPage {
  tokens: AccessTokenLine[]
  /** The organisations a new token may be for: those the person may act for now, by name. */
  organisations: Array<{ value: number; label: string }>
}

/**
 * The acting person's access tokens, in every organisation they belong to (ADR 9), newest
 * first, and the organisations they may create one for (account page). The tokens are looked up
 * by their owner across organisations: the person's own, as their memberships are.
 */
export class AccessTokenList extends Report<Record<string, never>, AccessTokensPage> {
  async build() {
    const userId = this.tenant.userId ?? 0
    const now = DateTime.now()
    const [choices, rows] = await Promise.all([
      Membership.choicesOf({ id: userId, organisationId: this.tenant.organisationId }),
      acrossTenants('a person’s own access tokens', () =>
        AccessToken.query().where('user_id', userId).orderBy('id', 'desc')
      ),
    ])
    const organisations = new Map(choices.map((choice) => [choice.organisationId, choice]))
    return {
      tokens: rows.map((row) => {
        const state = row.stateAt(now)
        const membership = organisations.get(row.organisationId)
        return {
          id: row.id,
          name: row.name,
          organisationName: membership?.organisationName ?? '—',
          roles: row.roles,
          state: state === 'active' && !membership?.usable ? ('suspended' as const) : state,
          createdAt: row.createdAt,
          expiresAt: row.expiresAt,
          lastUsedAt: row.lastUsedAt,
          revokedAt: row.revokedAt,
        }
      }),
      // The one acted for first (choicesOf puts the organisation it is given first).
      organisations: choices
        .filter((choice) => choice.usable)
        .map((choice) => ({ value: choice.organisationId, label: choice.organisationName })),
    }
  }
}

/** Who an API call acts as: the token's organisation (the tenant's). */
export class ApiOrganisation extends Report<
  Record<string, never>,
  { id: number; name: string; slug: string }
> {
  async build() {
    const organisation = await Organisation.findOrFail(this.tenant.organisationId)
    return { id: organisation.id, name: organisation.name, slug: organisation.slug }
  }
}
