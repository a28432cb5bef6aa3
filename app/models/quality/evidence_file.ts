import { EvidenceFileSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import OrganisationPerson from '#models/core/organisation_person'

export default class EvidenceFile extends compose(
  EvidenceFileSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  // The default naming strategy would look for "sha_256".
  @column({ columnName: 'sha256' })
  declare sha256: string

  @belongsTo(() => OrganisationPerson, { foreignKey: 'uploadedBy' })
  declare uploader: BelongsTo<typeof OrganisationPerson>
}
