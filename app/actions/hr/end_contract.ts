import Contract from '#models/hr/contract'
import { endContract } from '#actions/hr/register'
import { isoDay } from '#actions/hr/contract_input'
import type { Tenant } from '#support/request_context'
import type { ContractEndInput } from '#validators/hr'

/** Records the end of a running contract (once). */
export default class EndContract {
  static async handle(_tenant: Tenant, input: ContractEndInput & { contractId: number }) {
    const contract = await Contract.findOrFail(input.contractId)
    return endContract(contract.id, isoDay(input.endDate), input.endReason)
  }
}
