import { GrantBudgetLineSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Grant from '#models/grants/grant'

/** A line of a convention's cost budget: a cost nature or a programme, and its amount. */
export default class GrantBudgetLine extends compose(
  GrantBudgetLineSchema,
  OrganisationScoped,
  Auditable('grants')
) {
  @belongsTo(() => Grant)
  declare grant: BelongsTo<typeof Grant>
}
