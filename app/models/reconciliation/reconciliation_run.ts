import { ReconciliationRunSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import ReconciliationResult from '#models/reconciliation/reconciliation_result'

/** One run of the check registry for a year; its results are kept to compare over time. */
export default class ReconciliationRun extends compose(
  ReconciliationRunSchema,
  OrganisationScoped
) {
  @hasMany(() => ReconciliationResult, { foreignKey: 'runId' })
  declare results: HasMany<typeof ReconciliationResult>
}
