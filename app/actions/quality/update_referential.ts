import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { toMoney } from '#support/money'
import type { DateTime } from 'luxon'
import Referential from '#models/quality/referential'
import { AssessmentRuleError } from '#models/quality/criterion_assessment'
import { assertVersion } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'

export interface ReferentialSettings {
  referentialId: number
  name: string
  thresholdPercent: number
  deadline: DateTime | null
  allowsNotApplicable: boolean
  version: number
}

/** Name, threshold, deadline and the "not applicable" rule of one referential edition. */
export default class UpdateReferential {
  static handle(_tenant: Tenant, change: ReferentialSettings, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      const referential = await Referential.query({ client: t })
        .where('id', change.referentialId)
        .forUpdate()
        .firstOrFail()
      assertVersion(referential, change.version)
      if (!change.allowsNotApplicable && referential.allowsNotApplicable) {
        const [{ count }] = await t
          .from('criterion_assessments')
          .join('criteria', 'criteria.id', 'criterion_assessments.criterion_id')
          .where('criteria.referential_id', referential.id)
          .where('criterion_assessments.status', 'not_applicable')
          .count('* as count')
        if (Number(count) > 0) {
          throw new AssessmentRuleError(
            `${count} critère(s) sont déclarés « non applicables » : changez leur statut avant d'interdire ce statut.`
          )
        }
      }
      const clash = await Referential.query({ client: t })
        .where('name', change.name)
        .where('edition', referential.edition)
        .whereNot('id', referential.id)
        .first()
      if (clash) {
        throw new AssessmentRuleError(
          'Un autre référentiel porte déjà ce nom et ce numéro d’édition.'
        )
      }
      referential.merge({
        name: change.name,
        thresholdPercent: toMoney(change.thresholdPercent),
        deadline: change.deadline,
        allowsNotApplicable: change.allowsNotApplicable,
      })
      await referential.save()
      return referential
    })
  }
}
