import { DateTime } from 'luxon'
import AccessToken, { type AccessTokenState } from '#models/core/access_token'
import Organisation from '#models/core/organisation'
import { Report } from '#support/report'

export interface AccessTokenLine {
  id: number
  name: string
  roles: string[]
  state: AccessTokenState
  createdAt: DateTime
  expiresAt: DateTime | null
  lastUsedAt: DateTime | null
  revokedAt: DateTime | null
}

/** The acting user's access tokens in the tenant's organisation, newest first (account page). */
export class AccessTokenList extends Report<Record<string, never>, AccessTokenLine[]> {
  async build() {
    const now = DateTime.now()
    const rows = await AccessToken.query()
      .where('user_id', this.tenant.userId ?? 0)
      .orderBy('id', 'desc')
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      roles: row.roles,
      state: row.stateAt(now),
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      lastUsedAt: row.lastUsedAt,
      revokedAt: row.revokedAt,
    }))
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
