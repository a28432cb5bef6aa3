import { EntrySchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { ZERO } from '#support/money'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import EntryLine from '#models/accounting/entry_line'
import Journal from '#models/accounting/journal'
import FiscalYear from '#models/accounting/fiscal_year'

export default class Entry extends compose(
  EntrySchema,
  OrganisationScoped,
  Auditable('accounting')
) {
  @hasMany(() => EntryLine)
  declare lines: HasMany<typeof EntryLine>

  @belongsTo(() => Journal)
  declare journal: BelongsTo<typeof Journal>

  @belongsTo(() => FiscalYear)
  declare fiscalYear: BelongsTo<typeof FiscalYear>

  @belongsTo(() => Entry, { foreignKey: 'reversalOfId' })
  declare reversalOf: BelongsTo<typeof Entry>

  get isDraft() {
    return this.status === 'draft'
  }

  get isValidated() {
    return this.status === 'validated'
  }

  /** Totals of loaded lines (a handful per entry; ledger-wide totals are computed in SQL). */
  get totals() {
    const lines = this.lines ?? []
    const debit = lines.reduce((sum, line) => sum.plus(line.debit), ZERO)
    const credit = lines.reduce((sum, line) => sum.plus(line.credit), ZERO)
    return { debit, credit, balanced: debit.equals(credit) && lines.length >= 2 }
  }
}
