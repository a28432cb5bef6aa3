import { FunderSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Grant from '#models/grants/grant'

export const FUNDER_CATEGORY_LABELS: Record<string, string> = {
  regroupement: 'Regroupement (ligne du compte de résultat)',
  etat_dreets: 'État : DREETS / DEETS',
  france_travail: 'France Travail (Pôle emploi)',
  pic: 'PIC',
  contrat_de_ville: 'Contrat de Ville',
  fse: 'FSE+',
  feder: 'FEDER / Interreg',
  region: 'Région',
  departement: 'Département',
  metropole: 'Métropole',
  epci: 'Autre EPCI',
  contrats_aides: 'Contrats aidés / ASP',
  autre_public: 'Autre financeur public',
  prive: 'Financeur privé',
}

export default class Funder extends compose(FunderSchema, OrganisationScoped, Auditable('grants')) {
  @belongsTo(() => Funder, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Funder>

  @hasMany(() => Funder, { foreignKey: 'parentId' })
  declare children: HasMany<typeof Funder>

  @hasMany(() => Grant)
  declare grants: HasMany<typeof Grant>

  get categoryLabel() {
    return FUNDER_CATEGORY_LABELS[this.category] ?? this.category
  }
}
