import { EntryLineSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Account from '#models/accounting/account'
import Entry from '#models/accounting/entry'

export default class EntryLine extends compose(
  EntryLineSchema,
  OrganisationScoped,
  Auditable('accounting')
) {
  @belongsTo(() => Account)
  declare account: BelongsTo<typeof Account>

  @belongsTo(() => Entry)
  declare entry: BelongsTo<typeof Entry>
}
