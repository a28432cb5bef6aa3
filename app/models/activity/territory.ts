import { TerritorySchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { TERRITORY_KINDS } from '#vocabulary/activity'
import { labelOf } from '#vocabulary/labels'

/** An antenna (root) or one of its areas: quartier, EPCI, commune. */
export default class Territory extends compose(
  TerritorySchema,
  OrganisationScoped,
  Auditable('activity')
) {
  @belongsTo(() => Territory, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Territory>

  @hasMany(() => Territory, { foreignKey: 'parentId' })
  declare areas: HasMany<typeof Territory>

  get isAntenna() {
    return this.parentId === null
  }

  get kindLabel() {
    return labelOf(TERRITORY_KINDS, this.kind)
  }
}
