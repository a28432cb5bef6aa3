import { GrantReceiptAllocationSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

/**
 * What a receipt pays of an instalment (partial and grouped payments). The database holds the
 * sums: per receipt never above its amount, per instalment never above the instalment's.
 */
export default class GrantReceiptAllocation extends compose(
  GrantReceiptAllocationSchema,
  OrganisationScoped,
  Auditable('grants')
) {}
