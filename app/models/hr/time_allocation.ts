import { TimeAllocationSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class TimeAllocation extends compose(
  TimeAllocationSchema,
  OrganisationScoped,
  Auditable('hr')
) {}
