import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Employee from '#models/hr/employee'
import { addContract } from '#actions/hr/register'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { ContractPayload } from '#validators/hr'
import { contractInput } from '#actions/hr/contract_input'

/** Adds a contract to an employee's line of the register (no overlap, dates in order). */
export default class AddContract {
  static handle(
    _tenant: Tenant,
    input: ContractPayload & { employeeId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const employee = await Employee.findOrFail(input.employeeId, { client: t })
      return addContract(employee.id, contractInput(input), t)
    })
  }
}
