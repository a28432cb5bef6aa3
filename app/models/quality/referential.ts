import { ReferentialSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import ReferentialTheme from '#models/quality/referential_theme'
import Criterion from '#models/quality/criterion'

export default class Referential extends compose(
  ReferentialSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  @hasMany(() => ReferentialTheme)
  declare themes: HasMany<typeof ReferentialTheme>

  @hasMany(() => Criterion)
  declare criteria: HasMany<typeof Criterion>

  get label() {
    return `${this.name} (édition ${this.edition})`
  }
}
