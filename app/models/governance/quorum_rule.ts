import { compose } from '@adonisjs/core/helpers'
import { QuorumRuleSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export default class QuorumRule extends compose(
  QuorumRuleSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  get label() {
    const base = this.basis === 'votes' ? 'des voix' : 'des membres'
    const who = this.countsRepresented ? 'présents ou représentés' : 'présents'
    const cmp = this.comparison === 'gt' ? 'plus de' : 'au moins'
    return `${cmp} ${this.fraction.times(100).toDecimalPlaces(2).toString().replace('.', ',')} % ${base} ${who}`
  }
}
