import { ProgrammeTargetSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

/** A yearly target of a programme on one indicator (from its convention). */
export default class ProgrammeTarget extends compose(
  ProgrammeTargetSchema,
  OrganisationScoped,
  Auditable('activity')
) {}
