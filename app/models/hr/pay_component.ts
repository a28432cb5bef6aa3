import { PayComponentSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

/** One pay component of a period (migration 9200): append-only, cancelled once with a reason. */
export default class PayComponent extends compose(
  PayComponentSchema,
  OrganisationScoped,
  Auditable('hr')
) {}
