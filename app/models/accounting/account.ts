import { AccountSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class Account extends compose(
  AccountSchema,
  OrganisationScoped,
  Auditable('accounting')
) {
  @belongsTo(() => Account, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Account>

  /** Whether the account may be used in a fiscal year starting in `year` (2025 chart changes). */
  appliesTo(year: number) {
    return (
      (this.validFromYear === null || this.validFromYear <= year) &&
      (this.validToYear === null || this.validToYear >= year)
    )
  }
}
