import { ReferentialThemeSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Criterion from '#models/quality/criterion'

export default class ReferentialTheme extends compose(
  ReferentialThemeSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  @hasMany(() => Criterion, { foreignKey: 'themeId' })
  declare criteria: HasMany<typeof Criterion>
}
