import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { addContract, createEmployee } from '#actions/hr/register'
import { contractInput, isoDay } from '#actions/hr/contract_input'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ContractPayload, EmployeeInput } from '#validators/hr'

/** Hires a person: their line in the register and a first contract, together or not at all. */
export default class HireEmployee {
  static handle(
    tenant: Tenant,
    input: { identity: EmployeeInput; contract: ContractPayload },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const employee = await createEmployee(
        tenant.organisationId,
        { ...input.identity, birthDate: isoDay(input.identity.birthDate) },
        t
      )
      await addContract(employee.id, contractInput(input.contract), t)
      return employee
    })
  }
}
