import { WorkingGroupSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { Archivable } from '#models/mixins/archivable'
import StrategicAxis from '#models/quality/strategic_axis'
import WorkingGroupMember from '#models/quality/working_group_member'

export default class WorkingGroup extends compose(
  WorkingGroupSchema,
  OrganisationScoped,
  Auditable('quality'),
  Archivable
) {
  @belongsTo(() => StrategicAxis, { foreignKey: 'axisId' })
  declare axis: BelongsTo<typeof StrategicAxis>

  @hasMany(() => WorkingGroupMember, { foreignKey: 'workingGroupId' })
  declare members: HasMany<typeof WorkingGroupMember>
}
