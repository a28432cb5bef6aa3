import { AxisCriterionSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class AxisCriterion extends compose(
  AxisCriterionSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  static table = 'axis_criteria'
}
