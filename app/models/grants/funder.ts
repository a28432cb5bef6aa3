import { FunderSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Grant from '#models/grants/grant'
import { FUNDER_CATEGORIES } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

export default class Funder extends compose(FunderSchema, OrganisationScoped, Auditable('grants')) {
  @belongsTo(() => Funder, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Funder>

  @hasMany(() => Funder, { foreignKey: 'parentId' })
  declare children: HasMany<typeof Funder>

  @hasMany(() => Grant)
  declare grants: HasMany<typeof Grant>

  get categoryLabel() {
    return labelOf(FUNDER_CATEGORIES, this.category)
  }
}
