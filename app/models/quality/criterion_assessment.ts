import { RuleError } from '#support/domain_errors'
import { CriterionAssessmentSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import OrganisationPerson from '#models/core/organisation_person'
import CriterionStatusChange from '#models/quality/criterion_status_change'
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'
import { currentActor } from '#support/request_context'

export class AssessmentRuleError extends RuleError {}

export default class CriterionAssessment extends compose(
  CriterionAssessmentSchema,
  OrganisationScoped,
  Auditable('quality')
) {
  @belongsTo(() => OrganisationPerson, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof OrganisationPerson>

  get statusLabel() {
    return labelOf(ASSESSMENT_STATUSES, this.status)
  }

  /**
   * Moves the criterion to `to` and records the change (who, when, from, to, comment) as a
   * history row in the same transaction. The caller saves the assessment.
   */
  async changeStatus(
    to: AssessmentStatus,
    options: {
      allowsNotApplicable: boolean
      comment?: string | null
      trx: TransactionClientContract
    }
  ) {
    if (to === this.status) return false
    if (to === 'not_applicable' && !options.allowsNotApplicable) {
      throw new AssessmentRuleError(
        'Ce référentiel ne permet pas de déclarer un critère « non applicable ».'
      )
    }
    const actor = currentActor()
    await CriterionStatusChange.create(
      {
        organisationId: this.organisationId,
        criterionId: this.criterionId,
        fromStatus: this.status,
        toStatus: to,
        comment: options.comment ?? null,
        userId: actor?.userId ?? null,
        actor: actor?.label ?? 'système',
      },
      { client: options.trx }
    )
    this.status = to
    this.validatedAt = to === 'validated' ? DateTime.now() : null
    return true
  }
}
