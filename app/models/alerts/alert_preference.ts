import { compose } from '@adonisjs/core/helpers'
import { AlertPreferenceSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

/** How often a person receives the digest of their alerts in an organisation. */
export default class AlertPreference extends compose(
  AlertPreferenceSchema,
  OrganisationScoped,
  Auditable('core')
) {}
