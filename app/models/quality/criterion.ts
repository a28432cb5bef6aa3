import { CriterionSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany, hasOne } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, HasOne } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Referential from '#models/quality/referential'
import ReferentialTheme from '#models/quality/referential_theme'
import CriterionAssessment from '#models/quality/criterion_assessment'
import CriterionStatusChange from '#models/quality/criterion_status_change'
import EvidenceFile from '#models/quality/evidence_file'
import EvidenceLink from '#models/quality/evidence_link'

export default class Criterion extends compose(
  CriterionSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  static table = 'criteria'

  @belongsTo(() => Referential)
  declare referential: BelongsTo<typeof Referential>

  @belongsTo(() => ReferentialTheme, { foreignKey: 'themeId' })
  declare theme: BelongsTo<typeof ReferentialTheme>

  @hasOne(() => CriterionAssessment)
  declare assessment: HasOne<typeof CriterionAssessment>

  @hasMany(() => CriterionStatusChange)
  declare statusChanges: HasMany<typeof CriterionStatusChange>

  @hasMany(() => EvidenceFile)
  declare evidenceFiles: HasMany<typeof EvidenceFile>

  @hasMany(() => EvidenceLink)
  declare evidenceLinks: HasMany<typeof EvidenceLink>
}
