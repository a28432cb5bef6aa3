import { WorkingGroupMemberSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import OrganisationPerson from '#models/core/organisation_person'

/** A member is a Socle user or, for people without an account, a free name. */
export default class WorkingGroupMember extends compose(
  WorkingGroupMemberSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  @belongsTo(() => OrganisationPerson, { foreignKey: 'userId' })
  declare user: BelongsTo<typeof OrganisationPerson>

  get displayName() {
    return this.user?.fullName ?? this.fullName ?? '—'
  }
}
