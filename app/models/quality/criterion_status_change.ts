import { CriterionStatusChangeSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import OrganisationPerson from '#models/core/organisation_person'
import { ASSESSMENT_STATUSES } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'

/** One row per status change of a criterion: who, when, from, to, why. Append-only. */
export default class CriterionStatusChange extends compose(
  CriterionStatusChangeSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  @belongsTo(() => OrganisationPerson, { foreignKey: 'userId' })
  declare user: BelongsTo<typeof OrganisationPerson>

  get fromLabel() {
    return this.fromStatus ? labelOf(ASSESSMENT_STATUSES, this.fromStatus) : '—'
  }

  get toLabel() {
    return labelOf(ASSESSMENT_STATUSES, this.toStatus)
  }
}
