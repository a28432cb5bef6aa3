import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Programme from '#models/activity/programme'
import Indicator from '#models/activity/indicator'
import ProgrammeTarget from '#models/activity/programme_target'
import { RuleError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ProgrammeTargetInput } from '#validators/activity'

/** A yearly target of a programme on one indicator (one per programme, indicator and year). */
export default class AddProgrammeTarget {
  static handle(
    _tenant: Tenant,
    input: ProgrammeTargetInput & { programmeId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const programme = await Programme.findOrFail(input.programmeId, { client: t })
      const indicator = await Indicator.findOrFail(input.indicatorId, { client: t })
      const existing = await ProgrammeTarget.query({ client: t })
        .where({ programmeId: programme.id, indicatorId: indicator.id, year: input.year })
        .first()
      if (existing) {
        throw new RuleError(
          `Un objectif ${input.year} existe déjà pour « ${indicator.label} » : corrigez-le.`,
          { field: 'indicatorId' }
        )
      }
      return ProgrammeTarget.create(
        {
          programmeId: programme.id,
          indicatorId: indicator.id,
          year: input.year,
          target: input.target,
        },
        { client: t }
      )
    })
  }
}
