import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Programme from '#models/activity/programme'
import type { Tenant } from '#support/request_context'
import { lockAtVersion } from '#support/optimistic_lock'
import { withTransaction } from '#support/transaction'
import { underDatabaseRules } from '#support/domain_errors'
import type { ProgrammeInput } from '#validators/activity'
import { assertProgrammeCodeFree, programmeValues } from '#actions/activity/referential_rules'

/** Changes a programme, refused if someone else saved it meanwhile or its new code is taken. */
export default class UpdateProgramme {
  static handle(
    _tenant: Tenant,
    input: ProgrammeInput & { id: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const programme = await lockAtVersion(Programme, input.id, input.version, t)
      await assertProgrammeCodeFree(input.code, programme.id, t)
      programme.merge(programmeValues(input))
      await underDatabaseRules(() => programme.save())
      return programme
    })
  }
}
