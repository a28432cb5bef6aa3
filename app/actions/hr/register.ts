import { RuleError, underDatabaseRules } from '#support/domain_errors'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Employee from '#models/hr/employee'
import Contract from '#models/hr/contract'
import SalaryEvent from '#models/hr/salary_event'
import { recordEvent } from '#support/audit'
import { scrubAuditSnapshots } from '#actions/hr/scrub_audit_snapshots'
import { roundCents, toMoney } from '#support/money'
import type { Decimal } from 'decimal.js'

/** A business rule of the staff register was broken: the message is shown as is. */
export class HrRuleError extends RuleError {}

export interface ContractInput {
  contractType: string
  jobTitle: string
  jobReferenceId?: number | null
  qualification?: string | null
  csp?: string | null
  classificationLevel?: string | null
  partTimeShare: number | string
  site?: string | null
  startDate: string
  endDate?: string | null
  endReason?: string | null
  supersedesId?: number | null
}

const iso = (d: string | Date | DateTime) =>
  typeof d === 'string'
    ? d
    : d instanceof Date
      ? DateTime.fromJSDate(d).toISODate()!
      : d.toISODate()!

export async function addContract(
  employeeId: number,
  input: ContractInput,
  trx: TransactionClientContract
) {
  const start = iso(input.startDate)
  const end = input.endDate ? iso(input.endDate) : null
  if (end && end < start) throw new HrRuleError('La date de fin précède la date de début.')
  const overlap = await Contract.query({ client: trx })
    .where('employee_id', employeeId)
    .whereNull('superseded_at')
    .where('start_date', '<=', end ?? '9999-12-31')
    .where((q) => q.whereNull('end_date').orWhere('end_date', '>=', start))
    .first()
  if (overlap) throw new HrRuleError('Ce contrat chevauche un autre contrat du même salarié.')
  return underDatabaseRules(() =>
    Contract.create(
      {
        employeeId,
        contractType: input.contractType,
        jobTitle: input.jobTitle,
        jobReferenceId: input.jobReferenceId ?? null,
        qualification: input.qualification ?? null,
        csp: input.csp ?? null,
        classificationLevel: input.classificationLevel ?? null,
        partTimeShare: toMoney(String(input.partTimeShare)),
        site: input.site ?? null,
        startDate: DateTime.fromISO(start),
        endDate: end ? DateTime.fromISO(end) : null,
        endReason: end ? (input.endReason ?? null) : null,
        supersedesId: input.supersedesId ?? null,
      },
      { client: trx }
    )
  )
}

/**
 * Corrects a contract the register's way: the old line stays, marked as superseded, and the
 * corrected contract is a new line pointing to it; both in one transaction.
 */
export async function correctContract(contractId: number, input: ContractInput) {
  return db.transaction(async (trx) => {
    const old = await Contract.query({ client: trx })
      .where('id', contractId)
      .forUpdate()
      .firstOrFail()
    if (old.supersededAt)
      throw new HrRuleError('Ce contrat a déjà été corrigé : corrigez la dernière version.')
    old.merge({ supersededAt: DateTime.now() })
    await old.save()
    return addContract(old.employeeId, { ...input, supersedesId: old.id }, trx)
  })
}

/** Records the end of a running contract (once; a correction is a new contract). */
export async function endContract(contractId: number, endDate: string, reason: string) {
  return db.transaction(async (trx) => {
    const contract = await Contract.query({ client: trx })
      .where('id', contractId)
      .forUpdate()
      .firstOrFail()
    if (contract.endDate) throw new HrRuleError('La fin de ce contrat est déjà enregistrée.')
    if (endDate < contract.startDate.toISODate()!)
      throw new HrRuleError('La date de fin précède la date de début.')
    contract.merge({ endDate: DateTime.fromISO(endDate), endReason: reason })
    await underDatabaseRules(() => contract.save())
    return contract
  })
}

export async function addSalaryEvent(
  employeeId: number,
  input: {
    effectiveDate: string
    kind: string
    grossAnnualFte: Decimal | string
    comment?: string | null
  }
) {
  return db.transaction((trx) =>
    SalaryEvent.create(
      {
        employeeId,
        effectiveDate: DateTime.fromISO(input.effectiveDate),
        kind: input.kind,
        grossAnnualFte: roundCents(input.grossAnnualFte),
        comment: input.comment ?? null,
      },
      { client: trx }
    )
  )
}

/**
 * Anonymises the employees whose last contract ended more than five years ago (the register's
 * retention period): identity removed, birth date kept as a year only, so aggregates remain;
 * the audit log's earlier snapshots of them lose the same identity.
 */
export async function anonymiseLeavers(organisationId: number, today: string) {
  return db.transaction(async (trx) => {
    const limit = DateTime.fromISO(today).minus({ years: 5 }).toISODate()!
    const found = await trx.rawQuery(
      `SELECT e.id FROM employees e
         WHERE e.organisation_id = ? AND e.anonymised_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM contracts c WHERE c.employee_id = e.id AND c.superseded_at IS NULL
                            AND (c.end_date IS NULL OR c.end_date >= ?::date))`,
      [organisationId, limit]
    )
    const ids: number[] = found.rows.map((r: { id: number }) => r.id)
    if (ids.length) {
      // The audit log's earlier snapshots first, while the identity to remove is still known.
      await scrubAuditSnapshots(organisationId, ids, trx)
      await trx
        .from('employees')
        .whereIn('id', ids)
        .update({
          surname: trx.raw(`'ANONYME-' || id`),
          first_names: '—',
          birth_date: trx.raw(`make_date(extract(year FROM birth_date)::int, 1, 1)`),
          nationality: 'non communiquée',
          work_permit_type: null,
          work_permit_number: null,
          nir: null,
          anonymised_at: new Date(),
        })
      await recordEvent({
        domain: 'hr',
        action: 'anonymise',
        subjectType: 'employees',
        summary: `${ids.length} anciens salariés anonymisés (départ avant le ${limit})`,
        organisationId,
        trx,
      })
    }
    return ids.length
  })
}

export async function createEmployee(
  organisationId: number,
  identity: {
    surname: string
    firstNames: string
    sex: string
    birthDate: string
    nationality: string
    workPermitType?: string | null
    workPermitNumber?: string | null
  },
  trx: TransactionClientContract
) {
  return Employee.create(
    {
      organisationId,
      surname: identity.surname.toUpperCase(),
      firstNames: identity.firstNames,
      sex: identity.sex,
      birthDate: DateTime.fromISO(identity.birthDate),
      nationality: identity.nationality || 'française',
      workPermitType: identity.workPermitType ?? null,
      workPermitNumber: identity.workPermitNumber ?? null,
    },
    { client: trx }
  )
}

/**
 * Sets one employee's share of time on a programme for a month (0 removes it). The database
 * refuses a month over 100 % of the contract's time or without a contract: French message.
 */
export async function setAllocation(
  organisationId: number,
  employeeId: number,
  programmeId: number,
  month: string,
  share: string
) {
  return db.transaction(async (trx) => {
    const programme = await trx
      .from('programmes')
      .where({ id: programmeId, organisation_id: organisationId })
      .first()
    if (!programme) throw new HrRuleError('Dispositif inconnu.')
    await trx
      .from('time_allocations')
      .where({
        organisation_id: organisationId,
        employee_id: employeeId,
        programme_id: programmeId,
        month,
      })
      .delete()
    if (Number(share) > 0) {
      await underDatabaseRules(() =>
        trx.table('time_allocations').insert({
          organisation_id: organisationId,
          employee_id: employeeId,
          programme_id: programmeId,
          month,
          share,
        })
      )
    }
    await recordEvent({
      domain: 'hr',
      action: 'update',
      subjectType: 'time_allocations',
      subjectId: employeeId,
      summary: `Temps affecté au dispositif ${programmeId} en ${month.slice(0, 7)} : ${Math.round(Number(share) * 10000) / 100} %`,
      organisationId,
      trx,
    })
  })
}
