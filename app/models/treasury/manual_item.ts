import { TreasuryManualItemSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

/** A flow finance expects and Socle cannot see coming: once, or each month up to a day. */
export default class ManualItem extends compose(
  TreasuryManualItemSchema,
  OrganisationScoped,
  Auditable('accounting')
) {
  static table = 'treasury_manual_items'
}
