import { compose } from '@adonisjs/core/helpers'
import { MeetingDocumentSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class MeetingDocument extends compose(
  MeetingDocumentSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  get storagePath() {
    return `storage/governance/${this.storedName}`
  }
}
