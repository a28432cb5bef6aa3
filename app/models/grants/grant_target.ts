import { GrantTargetSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Grant from '#models/grants/grant'

export default class GrantTarget extends compose(
  GrantTargetSchema,
  OrganisationScoped,
  Auditable('grants')
) {
  @belongsTo(() => Grant)
  declare grant: BelongsTo<typeof Grant>
}
