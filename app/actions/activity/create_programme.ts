import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Programme from '#models/activity/programme'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import type { ProgrammeInput } from '#validators/activity'
import { assertProgrammeCodeFree, programmeValues } from '#actions/activity/referential_rules'

/** Adds a programme (dispositif) to the organisation's referential; its code must be free. */
export default class CreateProgramme {
  static handle(_tenant: Tenant, input: ProgrammeInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      await assertProgrammeCodeFree(input.code, null, t)
      return underDatabaseRules(() => Programme.create(programmeValues(input), { client: t }))
    })
  }
}
