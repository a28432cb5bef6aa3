import { IndicatorValueSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import Indicator from '#models/activity/indicator'
import Programme from '#models/activity/programme'
import Territory from '#models/activity/territory'

/**
 * One value of an indicator for a year, optionally for a programme, a territory and one
 * breakdown modality. Written in bulk by imports (one audit event per batch), never edited.
 */
export default class IndicatorValue extends compose(IndicatorValueSchema, OrganisationScoped) {
  @belongsTo(() => Indicator)
  declare indicator: BelongsTo<typeof Indicator>

  @belongsTo(() => Programme)
  declare programme: BelongsTo<typeof Programme>

  @belongsTo(() => Territory)
  declare territory: BelongsTo<typeof Territory>
}
