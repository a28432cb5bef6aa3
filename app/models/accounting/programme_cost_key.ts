import { ProgrammeCostKeySchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import type { OverheadKey } from '#vocabulary/accounting'

/** The overhead key saved for a fiscal year's cost per programme (one per year). */
export default class ProgrammeCostKey extends compose(
  ProgrammeCostKeySchema,
  OrganisationScoped,
  Auditable('accounting')
) {
  declare overheadKey: OverheadKey
}
