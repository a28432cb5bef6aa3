import { ActionMilestoneSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { Archivable } from '#models/mixins/archivable'

export default class ActionMilestone extends compose(
  ActionMilestoneSchema,
  OrganisationScoped,
  Auditable('quality'),
  Archivable
) {}
