import { FiscalYearSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { DateTime } from 'luxon'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Entry from '#models/accounting/entry'

export default class FiscalYear extends compose(
  FiscalYearSchema,
  OrganisationScoped,
  Auditable('accounting')
) {
  @hasMany(() => Entry)
  declare entries: HasMany<typeof Entry>

  get isOpen() {
    return this.status === 'open'
  }

  get isClosed() {
    return this.status === 'closed'
  }

  /** Calendar year of the start date: the key the chart of accounts is versioned by. */
  get startYear() {
    return this.startDate.year
  }

  contains(date: DateTime | string) {
    const iso = typeof date === 'string' ? date : date.toISODate()!
    return iso >= this.startDate.toISODate()! && iso <= this.endDate.toISODate()!
  }

  /** Legal FEC file name: <SIREN>FEC<closing date AAAAMMJJ>.txt */
  fecFileName(siren: string | null) {
    return `${siren ?? '000000000'}FEC${this.endDate.toFormat('yyyyLLdd')}.txt`
  }
}
