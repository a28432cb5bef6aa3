import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import type { DateTime } from 'luxon'
import Referential from '#models/quality/referential'
import { AssessmentRuleError } from '#models/quality/criterion_assessment'
import { assertVersion } from '#support/optimistic_lock'

/** Name, threshold, deadline and the "not applicable" rule of one referential edition. */
export async function updateReferential(
  referentialId: number,
  change: {
    name: string
    thresholdPercent: number
    deadline: DateTime | null
    allowsNotApplicable: boolean
    version: number
  }
) {
  return db.transaction(async (trx) => {
    const referential = await Referential.query({ client: trx })
      .where('id', referentialId)
      .forUpdate()
      .firstOrFail()
    assertVersion(referential, change.version)
    if (!change.allowsNotApplicable && referential.allowsNotApplicable) {
      const [{ count }] = await trx
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
    const clash = await Referential.query({ client: trx })
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
      thresholdPercent: new Decimal(change.thresholdPercent),
      deadline: change.deadline,
      allowsNotApplicable: change.allowsNotApplicable,
    })
    await referential.save()
    return referential
  })
}
