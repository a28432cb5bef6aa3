import { TerritorySchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'

export const TERRITORY_KIND_LABELS: Record<string, string> = {
  antenna: 'Antenne',
  quartier: 'Quartier',
  epci: 'EPCI',
  commune: 'Commune',
  area: 'Secteur',
  unknown: 'Non renseigné',
}

/** An antenna (root) or one of its areas: quartier, EPCI, commune. */
export default class Territory extends compose(
  TerritorySchema,
  OrganisationScoped,
  Auditable('activity')
) {
  @belongsTo(() => Territory, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Territory>

  @hasMany(() => Territory, { foreignKey: 'parentId' })
  declare areas: HasMany<typeof Territory>

  get isAntenna() {
    return this.parentId === null
  }

  get kindLabel() {
    return TERRITORY_KIND_LABELS[this.kind] ?? this.kind
  }
}
