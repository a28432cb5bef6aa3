import { compose } from '@adonisjs/core/helpers'
import { NetworkMemberSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

/**
 * An organisation's membership of a network (a regional association, itself an organisation).
 * The row is the member's own (`organisation_id`): its admin agrees to share its consolidated
 * figures with the network (`sharing_agreed_at`), or withdraws. The instance administrator
 * links and unlinks (ADR 9).
 */
export default class NetworkMember extends compose(NetworkMemberSchema, OrganisationScoped) {
  get sharing() {
    return this.sharingAgreedAt !== null
  }
}
