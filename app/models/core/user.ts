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
  get roleLabels() {
    return this.roles.map((role) => labelOf(ROLE_LABELS, role)).join(', ')
  }

  /** Ends every other session at its next request. */
  revokeSessions() {
    this.sessionVersion = this.sessionVersion + 1
  }
}
