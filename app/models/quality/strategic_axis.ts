import { StrategicAxSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { Archivable } from '#models/mixins/archivable'
import StrategicAction from '#models/quality/strategic_action'
import Criterion from '#models/quality/criterion'
import { AXIS_KINDS } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'

export default class StrategicAxis extends compose(
  StrategicAxSchema,
  OrganisationScoped,
  Auditable('quality'),
  Archivable
) {
  static table = 'strategic_axes'

  @hasMany(() => StrategicAction, { foreignKey: 'axisId' })
  declare actions: HasMany<typeof StrategicAction>

  @manyToMany(() => Criterion, {
    pivotTable: 'axis_criteria',
    pivotForeignKey: 'axis_id',
    pivotRelatedForeignKey: 'criterion_id',
  })
  declare criteria: ManyToMany<typeof Criterion>

  get kindLabel() {
    return labelOf(AXIS_KINDS, this.kind)
  }
}
