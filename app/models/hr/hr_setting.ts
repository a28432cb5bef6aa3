import { HrSettingSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class HrSetting extends compose(
  HrSettingSchema,
  OrganisationScoped,
  Auditable('hr')
) {}
