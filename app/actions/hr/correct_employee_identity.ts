import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Employee from '#models/hr/employee'
import { RuleError } from '#support/domain_errors'
import { assertVersion, lockRow } from '#support/optimistic_lock'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { EmployeeIdentityInput } from '#validators/hr'

/**
 * Corrects an employee's identity (name, sex, birth date, nationality, work permit): the row is
 * updated in place, the audit event keeps what it was. An anonymised person is not re-identified.
 */
export default class CorrectEmployeeIdentity {
  static handle(
    _tenant: Tenant,
    input: EmployeeIdentityInput & { employeeId: number },
    trx?: TransactionClientContract
  ) {
    return withTransaction(trx, async (t) => {
      const employee = await lockRow(Employee, input.employeeId, t)
      if (employee.anonymisedAt) {
        throw new RuleError('Ce salarié est anonymisé : son identité ne peut plus être modifiée.')
      }
      const birthDate = DateTime.fromJSDate(input.birthDate)
      if (birthDate > DateTime.now()) {
        throw new RuleError('La date de naissance ne peut pas être dans le futur.', {
          field: 'birthDate',
        })
      }
      assertVersion(employee, input.version)
      employee.merge({
        surname: input.surname.toUpperCase(),
        firstNames: input.firstNames,
        sex: input.sex,
        birthDate,
        nationality: input.nationality || 'française',
        workPermitType: input.workPermitType ?? null,
        workPermitNumber: input.workPermitNumber ?? null,
      })
      await employee.useTransaction(t).save()
      return employee
    })
  }
}
