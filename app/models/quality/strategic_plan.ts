import { StrategicPlanSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import StrategicAxis from '#models/quality/strategic_axis'
import WorkingGroup from '#models/quality/working_group'

export default class StrategicPlan extends compose(
  StrategicPlanSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  @hasMany(() => StrategicAxis, { foreignKey: 'planId' })
  declare axes: HasMany<typeof StrategicAxis>

  @hasMany(() => WorkingGroup, { foreignKey: 'planId' })
  declare workingGroups: HasMany<typeof WorkingGroup>

  /** The plan in force: the one starting last. */
  static current() {
    return this.query().orderBy('start_year', 'desc').orderBy('id', 'desc')
  }

  get period() {
    return `${this.startYear}-${this.endYear}`
  }
}
