import { ImportSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { column } from '@adonisjs/lucid/orm'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

export default class ImportRecord extends compose(ImportSchema, OrganisationScoped) {
  static table = 'imports'

  // The default naming strategy would look for "sha_256".
  @column({ columnName: 'sha256' })
  declare sha256: string
}
