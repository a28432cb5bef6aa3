import { ProgrammeSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import ProgrammeTarget from '#models/activity/programme_target'
import { PROGRAMME_LEVELS } from '#vocabulary/activity'
import { labelOf } from '#vocabulary/labels'

/** A dispositif (programme) the association runs: national, regional, departmental or its own. */
export default class Programme extends compose(
  ProgrammeSchema,
  OrganisationScoped,
  Auditable('activity')
) {
  @hasMany(() => ProgrammeTarget)
  declare targets: HasMany<typeof ProgrammeTarget>

  get levelLabel() {
    return labelOf(PROGRAMME_LEVELS, this.level)
  }
}
