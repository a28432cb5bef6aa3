import { BaseModel, column } from '@adonisjs/lucid/orm'
import { compose } from '@adonisjs/core/helpers'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { RuleError } from '#support/domain_errors'

/**
 * A person of the acting organisation: one of its members, whatever their home organisation
 * (view `organisation_people`, migration 10030; ADR 9). Read-only. What tenant rows name as
 * "who" (an owner, an uploader, a group member) is a person: the tenant scope finds members
 * from elsewhere and never anyone who did not belong. `isActive`: may be chosen now.
 */
export default class OrganisationPerson extends compose(BaseModel, OrganisationScoped) {
  static table = 'organisation_people'

  @column({ isPrimary: true })
  declare userId: number

  @column()
  declare organisationId: number

  @column()
  declare fullName: string

  @column()
  declare isActive: boolean

  /** The people a form offers: the active members, by name. */
  static choosable() {
    return this.query().where('is_active', true).orderBy('full_name').orderBy('user_id')
  }

  /**
   * Refuses, in French on the form's field, an id that is not an active member of the acting
   * organisation (a person of another one, a former member, a deactivated account, no one).
   */
  static async assertChoosable(
    userId: number,
    field: string,
    client: TransactionClientContract
  ): Promise<OrganisationPerson> {
    const person = await this.query({ client })
      .where('user_id', userId)
      .where('is_active', true)
      .first()
    if (!person) {
      throw new RuleError('La personne choisie ne fait pas partie des membres de l’organisation.', {
        field,
      })
    }
    return person
  }
}
