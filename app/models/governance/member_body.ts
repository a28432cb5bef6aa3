import { compose } from '@adonisjs/core/helpers'
import { MemberBodySchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { MEMBER_KINDS } from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'

export default class MemberBody extends compose(
  MemberBodySchema,
  OrganisationScoped,
  Auditable('governance')
) {
  get kindLabel() {
    return labelOf(MEMBER_KINDS, this.kind)
  }
}
