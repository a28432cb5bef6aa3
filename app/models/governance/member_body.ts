import { compose } from '@adonisjs/core/helpers'
import { MemberBodySchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class MemberBody extends compose(
  MemberBodySchema,
  OrganisationScoped,
  Auditable('governance')
) {
  static readonly KINDS: Record<string, string> = {
    epci: 'EPCI',
    collectivite: 'Collectivité',
    etat: 'État et organismes publics',
    partenaire: 'Partenaire économique et social',
    usagers: 'Usagers, personnes qualifiées',
    autre: 'Autre',
  }
}
