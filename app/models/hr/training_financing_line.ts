import { TrainingFinancingLineSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class TrainingFinancingLine extends compose(
  TrainingFinancingLineSchema,
  OrganisationScoped,
  Auditable('hr')
) {}
