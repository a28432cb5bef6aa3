import { compose } from '@adonisjs/core/helpers'
import { PersonSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class Person extends compose(
  PersonSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  static table = 'persons'

  /** Links a user account to the person who holds a seat: same e-mail, case-insensitive. */
  static forEmail(email: string) {
    return this.query().whereRaw('lower(email) = lower(?)', [email])
  }
}
