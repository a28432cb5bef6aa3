import { StrategicActionSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { Archivable } from '#models/mixins/archivable'
import OrganisationPerson from '#models/core/organisation_person'
import ActionMilestone from '#models/quality/action_milestone'
import { ACTION_STATUSES } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'

export default class StrategicAction extends compose(
  StrategicActionSchema,
  OrganisationScoped,
  Auditable('quality'),
  Archivable
) {
  @belongsTo(() => OrganisationPerson, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof OrganisationPerson>

  @hasMany(() => ActionMilestone, { foreignKey: 'actionId' })
  declare milestones: HasMany<typeof ActionMilestone>

  get statusLabel() {
    return labelOf(ACTION_STATUSES, this.status)
  }

  get ownerLabel() {
    return this.owner?.fullName ?? this.ownerName ?? null
  }
}
