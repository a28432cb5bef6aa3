import { UserSchema } from '#database/schema'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { ROLE_LABELS } from '#vocabulary/core'
import { labelOf } from '#vocabulary/labels'

const AuthFinder = withAuthFinder(() => hash.use('argon'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class User extends compose(
  UserSchema,
  AuthFinder,
  OrganisationScoped,
  Auditable('core')
) {
  /**
   * The organisation and roles this user acts with in the current request: their membership of
   * the organisation the session chose (set by the tenant middleware, never saved; ADR 9).
   * Unset outside requests: their home organisation and roles.
   */
  declare acting?: { organisationId: number; roles: readonly string[] }

  get actingOrganisationId() {
    return this.acting?.organisationId ?? this.organisationId
  }

  /** What the role matrix reads: the roles of the organisation acted for. */
  get actingRoles(): readonly string[] {
    return this.acting?.roles ?? this.roles
  }

  get roleLabels() {
    return this.roles.map((role) => labelOf(ROLE_LABELS, role)).join(', ')
  }

  get actingRoleLabels() {
    return this.actingRoles.map((role) => labelOf(ROLE_LABELS, role)).join(', ')
  }

  /** Ends every other session at its next request. */
  revokeSessions() {
    this.sessionVersion = this.sessionVersion + 1
  }
}
