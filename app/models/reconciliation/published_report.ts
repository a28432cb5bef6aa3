import { PublishedReportSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import PublishedValue from '#models/reconciliation/published_value'

/** A year's report as printed: its tables are stored as published_values, line by line. */
export default class PublishedReport extends compose(
  PublishedReportSchema,
  OrganisationScoped,
  Auditable('reconciliation')
) {
  @hasMany(() => PublishedValue, { foreignKey: 'reportId' })
  declare values: HasMany<typeof PublishedValue>
}
