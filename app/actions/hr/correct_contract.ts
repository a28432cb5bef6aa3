import Contract from '#models/hr/contract'
import { correctContract } from '#actions/hr/register'
import { contractInput } from '#actions/hr/contract_input'
import type { Tenant } from '#support/request_context'
import type { ContractPayload } from '#validators/hr'

/** Corrects a contract: the old line stays, superseded; the correction is a new line. */
export default class CorrectContract {
  static async handle(_tenant: Tenant, input: ContractPayload & { contractId: number }) {
    const contract = await Contract.findOrFail(input.contractId)
    return correctContract(contract.id, contractInput(input))
  }
}
