import { compose } from '@adonisjs/core/helpers'
import { AlertDismissalSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

/** A person marked an alert as read: it leaves their list and their counter, not others'. */
export default class AlertDismissal extends compose(
  AlertDismissalSchema,
  OrganisationScoped,
  Auditable('core')
) {}
