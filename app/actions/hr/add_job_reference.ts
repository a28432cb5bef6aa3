import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import JobReference from '#models/hr/job_reference'
import { ConflictError } from '#support/domain_errors'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { JobReferenceInput } from '#validators/hr'

/** Adds an emploi repère at the end of the list; its code must be free. */
export default class AddJobReference {
  static handle(_tenant: Tenant, input: JobReferenceInput, trx?: TransactionClientContract) {
    return withTransaction(trx, async (t) => {
      if (await JobReference.query({ client: t }).where('code', input.code).first()) {
        throw new ConflictError('Un emploi repère existe déjà avec ce code.', { field: 'code' })
      }
      const last = await JobReference.query({ client: t }).max('position as max').first()
      return JobReference.create(
        {
          code: input.code,
          label: input.label,
          defaultCsp: input.defaultCsp ?? null,
          position: Number(last?.$extras.max ?? 0) + 1,
        },
        { client: t }
      )
    })
  }
}
