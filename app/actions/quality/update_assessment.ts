import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import Criterion from '#models/quality/criterion'
import CriterionAssessment, { AssessmentRuleError } from '#models/quality/criterion_assessment'
import Referential from '#models/quality/referential'
import OrganisationPerson from '#models/core/organisation_person'
import type { AssessmentStatus } from '#vocabulary/quality'
import { assertVersion } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

export { AssessmentRuleError }

export interface AssessmentChange {
  criterionId: number
  status: AssessmentStatus
  ownerId: number | null
  dueDate: DateTime | null
  comment: string | null
  version: number
}

/**
 * Saves the assessment of a criterion: status (recorded as a history row when it changes),
 * owner, due date and comment. A stale form gets a conflict, never a silent overwrite.
 */
export default class UpdateAssessment {
  static handle(_tenant: Tenant, change: AssessmentChange, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const criterion = await Criterion.query({ client: t })
        .where('id', change.criterionId)
        .firstOrFail()
      const referential = await Referential.query({ client: t })
        .where('id', criterion.referentialId)
        .firstOrFail()
      const assessment = await CriterionAssessment.query({ client: t })
        .where('criterion_id', criterion.id)
        .forUpdate()
        .firstOrFail()
      assertVersion(assessment, change.version)
      // The owner already recorded may stay, even if they have left since.
      if (change.ownerId !== null && change.ownerId !== assessment.ownerId) {
        await OrganisationPerson.assertChoosable(change.ownerId, 'ownerId', t)
      }
      const previousComment = assessment.comment
      await assessment.changeStatus(change.status, {
        allowsNotApplicable: referential.allowsNotApplicable,
        comment: change.comment !== previousComment ? change.comment : null,
        trx: t,
      })
      assessment.merge({
        ownerId: change.ownerId,
        dueDate: change.dueDate,
        comment: change.comment,
      })
      await assessment.save()
      return assessment
    })
  }
}
