import { CriterionStatusChangeSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import User from '#models/core/user'
import { STATUS_LABELS, type AssessmentStatus } from '#models/quality/labels'

/** One row per status change of a criterion: who, when, from, to, why. Append-only. */
export default class CriterionStatusChange extends compose(
  CriterionStatusChangeSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  get fromLabel() {
    return this.fromStatus ? STATUS_LABELS[this.fromStatus as AssessmentStatus] : '—'
  }

  get toLabel() {
    return STATUS_LABELS[this.toStatus as AssessmentStatus]
  }
}
