import { GrantDocumentSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Grant from '#models/grants/grant'

export default class GrantDocument extends compose(
  GrantDocumentSchema,
  OrganisationScoped,
  Auditable('grants')
) {
  // The naming strategy would write "sha_256".
  @column({ columnName: 'sha256' })
  declare sha256: string

  @belongsTo(() => Grant)
  declare grant: BelongsTo<typeof Grant>
}
