import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { moneyOrZero, roundCents, toMoney, ZERO } from '#support/money'
import { Report } from '#support/report'

/**
 * Staff cost of a programme from the time allocations (share of each employee's contractual
 * time, by month): gross = the month's gross pay declared in the DSN in force (issue #19), or
 * without one the FTE annual rate in force at month end / 12 x part-time share; x allocated share; employer charges at the organisation's configured rate (hr_settings).
 * Hours = allocated share x part-time share x annual hours (1 720 by default) / 12, so that
 * cost / hours is the FSE+ hourly rate (CPR art. 55(2): annual gross employment cost / 1 720 h).
 */
export interface StaffCost {
  hours: Decimal
  gross: Decimal
  charges: Decimal
  total: Decimal
  chargeRate: Decimal
  annualHours: number
  /** Total cost / hours: the FSE+ hourly rate averaged over the staff of the programme. */
  hourlyRate: Decimal | null
  employees: Array<{
    employeeId: number
    hours: Decimal
    gross: Decimal
    total: Decimal
    hourlyRate: Decimal | null
  }>
}

async function settings(organisationId: number) {
  const row = await db.from('hr_settings').where('organisation_id', organisationId).first()
  return {
    chargeRate: toMoney(row?.employer_charge_rate ?? '0.45'),
    annualHours: Number(row?.fse_annual_hours ?? 1720),
  }
}

/**
 * Actual employer-charge ratio of the ledger over a period: social charges (645, 647) over
 * gross pay (641), validated entries only; null when the ledger has no pay for the period.
 */
async function ledgerChargeRatio(organisationId: number, from: string, to: string) {
  const result = await db.rawQuery(
    `SELECT sum(l.debit - l.credit) FILTER (WHERE l.account_number LIKE '641%') AS gross,
            sum(l.debit - l.credit) FILTER (WHERE l.account_number LIKE '645%' OR l.account_number LIKE '647%') AS charges
     FROM entry_lines l JOIN entries e ON e.id = l.entry_id
     WHERE l.organisation_id = ? AND e.status = 'validated' AND l.entry_date BETWEEN ?::date AND ?::date`,
    [organisationId, from, to]
  )
  const row = result.rows[0]
  if (!row?.gross || toMoney(row.gross).lessThanOrEqualTo(0)) return null
  return moneyOrZero(row.charges).div(row.gross)
}

/**
 * `options.chargeRate`: 'setting' (the organisation's configured rate, default) or 'ledger'
 * (the ledger's actual ratio over the period, falling back to the setting without payroll).
 */
async function staffCostByProgramme(
  organisationId: number,
  programmeId: number | null,
  from: string,
  to: string,
  options: { chargeRate?: 'setting' | 'ledger' } = {}
): Promise<StaffCost> {
  const configured = await settings(organisationId)
  const annualHours = configured.annualHours
  const chargeRate =
    options.chargeRate === 'ledger'
      ? ((await ledgerChargeRatio(organisationId, from, to)) ?? configured.chargeRate)
      : configured.chargeRate
  const result = await db.rawQuery(
    `WITH a AS (
       SELECT ta.employee_id, ta.month, ta.share,
              (ta.month + interval '1 month' - interval '1 day')::date AS month_end
       FROM time_allocations ta
       WHERE ta.organisation_id = ? AND (?::int IS NULL OR ta.programme_id = ?::int)
         AND ta.month BETWEEN date_trunc('month', ?::date)::date AND ?::date
     )
     SELECT a.employee_id,
            sum(a.share * c.part_time_share * ?::numeric / 12) AS hours,
            sum(coalesce(p.gross, r.rate / 12 * c.part_time_share) * a.share) AS gross
     FROM a
     JOIN LATERAL (SELECT part_time_share FROM contracts c WHERE c.employee_id = a.employee_id
                     AND c.superseded_at IS NULL AND c.start_date <= a.month_end
                     AND (c.end_date IS NULL OR c.end_date >= a.month)
                   ORDER BY c.start_date DESC LIMIT 1) c ON true
     LEFT JOIN LATERAL (SELECT gross_annual_fte AS rate FROM salary_events se
                   WHERE se.organisation_id = ? AND se.employee_id = a.employee_id AND se.effective_date <= a.month_end
                   ORDER BY se.effective_date DESC, se.id DESC LIMIT 1) r ON true
     LEFT JOIN LATERAL (SELECT m.gross FROM dsn_employee_months m
                   JOIN dsn_declarations d ON d.id = m.declaration_id AND d.status = 'active'
                   WHERE m.organisation_id = ? AND m.employee_id = a.employee_id AND m.month = a.month) p ON true
     WHERE r.rate IS NOT NULL OR p.gross IS NOT NULL
     GROUP BY a.employee_id ORDER BY a.employee_id`,
    [
      organisationId,
      programmeId,
      programmeId,
      from,
      to,
      annualHours,
      organisationId,
      organisationId,
    ]
  )
  const rows = result.rows as Array<{ employee_id: number; hours: string; gross: string }>
  const employees = rows.map((r) => {
    const hours = toMoney(r.hours)
    const gross = toMoney(r.gross)
    const total = gross.times(chargeRate.plus(1))
    return {
      employeeId: r.employee_id,
      hours,
      gross: roundCents(gross),
      total: roundCents(total),
      hourlyRate: hours.isZero() ? null : roundCents(total.div(hours)),
    }
  })
  const hours = employees.reduce((a: Decimal, e) => a.plus(e.hours), ZERO)
  const exactGross = rows.reduce((a: Decimal, r) => a.plus(r.gross), ZERO)
  const gross = roundCents(exactGross)
  const total = roundCents(exactGross.times(chargeRate.plus(1)))
  return {
    hours,
    gross,
    charges: total.minus(gross),
    total,
    chargeRate,
    annualHours,
    hourlyRate: hours.isZero() ? null : roundCents(total.div(hours)),
    employees,
  }
}

/**
 * FSE+ hourly rate of one employee on a date: annual gross employment cost / annual hours. The
 * latest documented year is the twelve months of DSN pay ending with the date's month when the
 * DSN declares all of them (hours prorated to each month's working time); otherwise the salary
 * history's annual full-time gross.
 */
async function fseHourlyRate(organisationId: number, employeeId: number, on: string) {
  const { chargeRate, annualHours } = await settings(organisationId)
  const declared = (
    await db.rawQuery(
      `SELECT count(*)::int AS months, sum(m.gross) AS gross,
              sum(coalesce(c.part_time_share, 1) * ?::numeric / 12) AS hours
         FROM dsn_employee_months m
         JOIN dsn_declarations d ON d.organisation_id = m.organisation_id AND d.id = m.declaration_id
                                AND d.status = 'active'
         LEFT JOIN LATERAL (SELECT part_time_share FROM contracts c
                             WHERE c.organisation_id = m.organisation_id AND c.employee_id = m.employee_id
                               AND c.superseded_at IS NULL
                               AND c.start_date <= (m.month + interval '1 month' - interval '1 day')::date
                               AND (c.end_date IS NULL OR c.end_date >= m.month)
                             ORDER BY c.start_date DESC LIMIT 1) c ON true
        WHERE m.organisation_id = ? AND m.employee_id = ?
          AND m.month > (date_trunc('month', ?::date) - interval '12 months')::date
          AND m.month <= ?::date`,
      [annualHours, organisationId, employeeId, on, on]
    )
  ).rows[0] as { months: number; gross: string | null; hours: string | null }
  if (declared.months === 12 && declared.hours !== null && !toMoney(declared.hours).isZero()) {
    return roundCents(
      toMoney(declared.gross).times(chargeRate.plus(1)).div(toMoney(declared.hours))
    )
  }
  const row = await db
    .from('salary_events')
    .where('organisation_id', organisationId)
    .where('employee_id', employeeId)
    .where('effective_date', '<=', on)
    .orderBy('effective_date', 'desc')
    .orderBy('id', 'desc')
    .first()
  if (!row) return null
  return roundCents(toMoney(row.gross_annual_fte).times(chargeRate.plus(1)).div(annualHours))
}

/** Cost per programme over a period (time page): one line per programme. */
async function costsByProgramme(
  organisationId: number,
  from: string,
  to: string,
  chargeRate: 'setting' | 'ledger' = 'setting'
) {
  const programmes = await db.rawQuery(
    `SELECT DISTINCT ta.programme_id, p.name FROM time_allocations ta
     LEFT JOIN programmes p ON p.id = ta.programme_id
     WHERE ta.organisation_id = ? AND ta.month BETWEEN date_trunc('month', ?::date)::date AND ?::date
     ORDER BY p.name`,
    [organisationId, from, to]
  )
  const lines = []
  for (const p of programmes.rows) {
    const cost = await staffCostByProgramme(organisationId, p.programme_id, from, to, {
      chargeRate,
    })
    lines.push({
      programmeId: p.programme_id,
      name: p.name ?? `Dispositif ${p.programme_id}`,
      ...cost,
      employeeCount: cost.employees.length,
    })
  }
  return lines
}

/** A period of calendar dates (ISO), both ends included. */
export interface Period {
  from: string
  to: string
}

/** Which employer-charge rate a staff cost uses (see `staffCostByProgramme`). */
export type ChargeRateSource = 'setting' | 'ledger'

/** The ledger's actual employer-charge ratio over a period, null without payroll. */
export class LedgerChargeRatio extends Report<Period, Decimal | null> {
  build() {
    return ledgerChargeRatio(this.tenant.organisationId, this.params.from, this.params.to)
  }
}

/** Staff cost of one programme (null: every programme) over a period, from the time allocations. */
export class ProgrammeStaffCost extends Report<
  Period & { programmeId: number | null; chargeRate?: ChargeRateSource },
  StaffCost
> {
  build() {
    const { programmeId, from, to, chargeRate } = this.params
    return staffCostByProgramme(this.tenant.organisationId, programmeId, from, to, {
      chargeRate,
    })
  }
}

/** FSE+ hourly rate of one employee on a date, null before the first salary event. */
export class FseHourlyRate extends Report<{ employeeId: number; on: string }, Decimal | null> {
  build() {
    return fseHourlyRate(this.tenant.organisationId, this.params.employeeId, this.params.on)
  }
}

export type StaffCostLine = Awaited<ReturnType<typeof costsByProgramme>>[number]

/** Cost per programme over a period (time page): one line per programme. */
export class StaffCostsByProgramme extends Report<
  Period & { chargeRate?: ChargeRateSource },
  StaffCostLine[]
> {
  build() {
    const { from, to, chargeRate } = this.params
    return costsByProgramme(this.tenant.organisationId, from, to, chargeRate)
  }
}
