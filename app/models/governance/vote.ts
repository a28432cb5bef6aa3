import { compose } from '@adonisjs/core/helpers'
import { VoteSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class Vote extends compose(
  VoteSchema,
  OrganisationScoped,
  Auditable('governance')
) {}
