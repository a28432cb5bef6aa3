import type { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import { dec, rows } from '#reports/grants/sql'
import { coverageCte } from '#reports/grants/instalments'
import { Report } from '#support/report'
import { RuleError } from '#support/domain_errors'
import { toMoney } from '#support/money'
import { FINAL_STATUSES } from '#vocabulary/grants'
import { sqlList } from '#vocabulary/labels'
import { FLOW_SOURCES, type OpeningSource, type ReductionKind } from '#vocabulary/treasury'
import * as engine from '#reports/treasury/forecast_engine'

/**
 * The cash-flow forecast of an organisation (issue #18, ADR 16): the latest bank balance rolled
 * forward 13 weeks and 12 months with the flows Socle can foresee. The SQL of each source is
 * here; the arithmetic is the pure engine's (`forecast_engine.ts`).
 *
 * - Opening: the closing balance of each bank account's latest statement, summed, at the latest
 *   of their dates; without any statement, the ledger balance of the 512x accounts (validated
 *   entries) at their latest entry date, and the page says so.
 * - Grants: what remains of each instalment (not cancelled, convention not refused, cancelled or
 *   closed) once the receipts up to the opening day have paid it (`coverageCte`), shifted by the
 *   funder's median delay: receipt date − expected date of the receipts matched to its
 *   instalments.
 * - Payroll: the monthly gross of the contracts in force at each month's end (FTE annual rate of
 *   the latest salary event / 12 × part-time share), summed in SQL, never per person; the
 *   calendar is the engine's `payrollFlows`.
 * - Suppliers: over the six months up to the opening day, payments from the bank (entries with a
 *   512x line) to a supplier (401x debits, by auxiliary account) or straight to a charge account
 *   (6xx debits but payroll 64x and calculated charges 68x–69x, by account), paid in at least 3
 *   different months: their average per month paid, on the day of the month of the latest one.
 * - Manual items as entered.
 */

export const SUPPLIER_MONTHS = 6
export const SUPPLIER_MIN_MONTHS = 3

export interface ScenarioParams {
  funderId?: number
  days?: number
  scheduleId?: number
  reduction?: Decimal
  kind?: ReductionKind
}

export interface FunderDelay {
  funderId: number
  funder: string
  observations: number
  medianDays: number
}

export interface CashForecastData {
  opening: { amount: Decimal; date: string; source: OpeningSource; accounts: number }
  horizon: string
  threshold: { amount: Decimal | null; version: number }
  weekly: engine.ForecastTable
  monthly: engine.ForecastTable
  delays: FunderDelay[]
  flows: engine.Flow[]
  suppliers: Array<engine.RecurringSupplier & { months: number }>
  payroll: { chargeRate: Decimal; months: engine.PayrollMonth[] }
  scenario: {
    funder: { id: number; name: string; days: number } | null
    reduction: { scheduleId: number; label: string; kind: ReductionKind; value: Decimal } | null
  }
  choices: {
    funders: Array<{ id: number; name: string }>
    instalments: Array<{ id: number; label: string }>
  }
}

type Org = { org: number }

async function opening(params: Org) {
  const [bank] = await rows<{ day: string | null; balance: string | null; accounts: string }>(
    `WITH latest AS (
       SELECT DISTINCT ON (s.bank_account_id) s.closing_date, s.closing_balance
         FROM bank_statements s
        WHERE s.organisation_id = :org
        ORDER BY s.bank_account_id, s.closing_date DESC, s.id DESC
     )
     SELECT max(closing_date)::text AS day, sum(closing_balance) AS balance, count(*) AS accounts
       FROM latest`,
    params
  )
  if (bank?.day) {
    return {
      amount: dec(bank.balance),
      date: bank.day,
      source: 'bank' as const,
      accounts: Number(bank.accounts),
    }
  }
  const [ledger] = await rows<{ day: string | null; balance: string | null }>(
    `SELECT max(l.entry_date)::text AS day, sum(l.debit - l.credit) AS balance
       FROM entry_lines l JOIN entries e ON e.id = l.entry_id
      WHERE l.organisation_id = :org AND l.account_number LIKE '512%' AND e.status = 'validated'`,
    params
  )
  if (ledger?.day) {
    return { amount: dec(ledger.balance), date: ledger.day, source: 'ledger' as const, accounts: 0 }
  }
  const today = DateTime.now().setZone('Europe/Paris').toISODate()!
  return { amount: dec(0), date: today, source: 'none' as const, accounts: 0 }
}

async function funderDelays(params: Org & { day: string }): Promise<FunderDelay[]> {
  const list = await rows<{ funder_id: number; funder: string; days: number[] }>(
    `SELECT g.funder_id, f.name AS funder,
            array_agg(r.received_on - s.expected_on ORDER BY r.received_on - s.expected_on) AS days
       FROM grant_receipt_allocations a
       JOIN grant_receipts r ON r.id = a.receipt_id AND r.organisation_id = a.organisation_id
       JOIN grant_payment_schedules s ON s.id = a.schedule_id AND s.organisation_id = a.organisation_id
       JOIN grants g ON g.id = s.grant_id AND g.organisation_id = s.organisation_id
       JOIN funders f ON f.id = g.funder_id AND f.organisation_id = g.organisation_id
      WHERE a.organisation_id = :org AND r.cancelled_at IS NULL AND s.cancelled_at IS NULL
        AND r.received_on <= CAST(:day AS date)
      GROUP BY g.funder_id, f.name
      ORDER BY f.name, g.funder_id`,
    params
  )
  return list.map((row) => ({
    funderId: row.funder_id,
    funder: row.funder,
    observations: row.days.length,
    medianDays: engine.medianDays(row.days.map(Number)),
  }))
}

async function openInstalments(params: Org & { day: string }) {
  const list = await rows<{
    id: number
    funder_id: number
    funder: string
    reference: string
    expected_on: string
    remaining: string
  }>(
    `WITH ${coverageCte(`g.status NOT IN (${sqlList(FINAL_STATUSES)})`)}
     SELECT c.id, g.funder_id, f.name AS funder, g.reference, c.expected_on::text AS expected_on,
            c.remaining
       FROM coverage c JOIN grants g ON g.id = c.grant_id JOIN funders f ON f.id = g.funder_id
      WHERE c.remaining > 0
      ORDER BY c.expected_on, f.name, g.reference, c.id`,
    params
  )
  return list.map((row) => ({
    scheduleId: row.id,
    funderId: row.funder_id,
    funder: row.funder,
    reference: row.reference,
    expectedOn: row.expected_on,
    remaining: dec(row.remaining),
  }))
}

async function payrollMonths(params: Org & { day: string; until: string }) {
  const list = await rows<{ month: string; gross: string; headcount: string }>(
    `WITH month AS (
       SELECT m::date AS first, (m + interval '1 month' - interval '1 day')::date AS last
         FROM generate_series(date_trunc('month', CAST(:day AS date)),
                              date_trunc('month', CAST(:until AS date)), interval '1 month') m
     ), active AS (
       SELECT DISTINCT ON (m.first, c.employee_id) m.first, m.last, c.employee_id, c.part_time_share
         FROM month m
         JOIN contracts c ON c.organisation_id = :org AND c.superseded_at IS NULL
          AND c.start_date <= m.last AND (c.end_date IS NULL OR c.end_date >= m.last)
        ORDER BY m.first, c.employee_id, c.start_date DESC, c.id DESC
     )
     SELECT m.first::text AS month,
            coalesce(sum(r.rate / 12 * a.part_time_share), 0) AS gross,
            count(a.employee_id) AS headcount
       FROM month m
       LEFT JOIN active a ON a.first = m.first
       LEFT JOIN LATERAL (
         SELECT se.gross_annual_fte AS rate FROM salary_events se
          WHERE se.organisation_id = :org AND se.employee_id = a.employee_id
            AND se.effective_date <= a.last
          ORDER BY se.effective_date DESC, se.id DESC LIMIT 1) r ON true
      GROUP BY m.first ORDER BY m.first`,
    params
  )
  return list.map((row) => ({
    month: row.month,
    gross: dec(row.gross),
    headcount: Number(row.headcount),
  }))
}

async function chargeRate(params: Org) {
  const [row] = await rows<{ rate: string }>(
    `SELECT employer_charge_rate AS rate FROM hr_settings WHERE organisation_id = :org`,
    params
  )
  return toMoney(row?.rate ?? '0.45')
}

async function recurringSuppliers(params: Org & { day: string }) {
  const list = await rows<{ label: string; months: string; amount: string; day: number }>(
    `WITH paid AS (
       SELECT CASE WHEN l.account_number LIKE '401%'
                   THEN 'F' || coalesce(nullif(l.aux_number, ''), l.account_number)
                   ELSE 'C' || l.account_number END AS key,
              coalesce(nullif(l.aux_label, ''), a.label, l.account_number) AS label,
              l.entry_date, l.debit - l.credit AS amount
         FROM entry_lines l
         JOIN entries e ON e.id = l.entry_id AND e.organisation_id = l.organisation_id
         JOIN accounts a ON a.id = l.account_id AND a.organisation_id = l.organisation_id
        WHERE l.organisation_id = :org AND e.status = 'validated' AND l.debit > 0
          AND l.entry_date > CAST(:day AS date) - make_interval(months => :months)
          AND l.entry_date <= CAST(:day AS date)
          AND (l.account_number LIKE '401%'
               OR (l.account_number LIKE '6%' AND l.account_number NOT LIKE '64%'
                   AND l.account_number NOT LIKE '68%' AND l.account_number NOT LIKE '69%'))
          AND EXISTS (SELECT 1 FROM entry_lines b
                       WHERE b.organisation_id = l.organisation_id AND b.entry_id = l.entry_id
                         AND b.account_number LIKE '512%')
     ), monthly AS (
       SELECT key, date_trunc('month', entry_date) AS month, sum(amount) AS amount,
              max(label) AS label, max(extract(day FROM entry_date))::int AS day
         FROM paid GROUP BY key, date_trunc('month', entry_date)
     )
     SELECT max(label) AS label, count(*) AS months, round(sum(amount) / count(*), 2) AS amount,
            (array_agg(day ORDER BY month DESC))[1] AS day
       FROM monthly
      GROUP BY key
     HAVING count(*) >= :min AND sum(amount) > 0
      ORDER BY max(label), key`,
    { ...params, months: SUPPLIER_MONTHS, min: SUPPLIER_MIN_MONTHS }
  )
  return list.map((row) => ({
    label: row.label,
    months: Number(row.months),
    amount: dec(row.amount),
    day: Number(row.day),
  }))
}

async function manualItems(params: Org) {
  const list = await rows<{
    label: string
    due_on: string
    amount: string
    recurrence: 'none' | 'monthly'
    ends_on: string | null
  }>(
    `SELECT label, due_on::text AS due_on, amount, recurrence, ends_on::text AS ends_on
       FROM treasury_manual_items WHERE organisation_id = :org ORDER BY due_on, id`,
    params
  )
  return list.map((row) => ({
    label: row.label,
    dueOn: row.due_on,
    amount: dec(row.amount),
    recurrence: row.recurrence,
    endsOn: row.ends_on,
  }))
}

export async function treasuryThreshold(params: Org) {
  const [row] = await rows<{ threshold: string | null; version: number }>(
    `SELECT threshold, version FROM treasury_settings WHERE organisation_id = :org`,
    params
  )
  return { amount: row?.threshold ? dec(row.threshold) : null, version: row?.version ?? 1 }
}

async function funderChoices(params: Org) {
  return rows<{ id: number; name: string }>(
    `SELECT id, name FROM funders WHERE organisation_id = :org AND category <> 'regroupement'
      ORDER BY name, id`,
    params
  )
}

/** The scenario read against the organisation's funders and open instalments. */
function resolveScenario(
  params: ScenarioParams,
  funders: Array<{ id: number; name: string }>,
  instalments: Awaited<ReturnType<typeof openInstalments>>
) {
  let funder: CashForecastData['scenario']['funder'] = null
  if (params.funderId !== undefined) {
    const found = funders.find((row) => row.id === params.funderId)
    if (!found) throw new RuleError('Ce financeur n’existe pas.', { field: 'financeur' })
    funder = { id: found.id, name: found.name, days: params.days ?? 0 }
  }
  let reduction: CashForecastData['scenario']['reduction'] = null
  if (params.scheduleId !== undefined) {
    const found = instalments.find((row) => row.scheduleId === params.scheduleId)
    if (!found) {
      throw new RuleError('Cette échéance n’existe pas ou n’est plus attendue.', {
        field: 'echeance',
      })
    }
    const kind = params.kind ?? 'amount'
    const value = params.reduction ?? dec(0)
    if (kind === 'percent' && value.gt(100)) {
      throw new RuleError('Une réduction ne dépasse pas 100 %.', { field: 'reduction' })
    }
    reduction = {
      scheduleId: found.scheduleId,
      label: `${found.funder} — ${found.reference} (${found.expectedOn})`,
      kind,
      value,
    }
  }
  return { funder, reduction }
}

export class CashForecast extends Report<ScenarioParams, CashForecastData> {
  async build(): Promise<CashForecastData> {
    const org = { org: this.tenant.organisationId }
    const start = await opening(org)
    const day = start.date
    const until = engine.horizonOf(day)
    // One after the other: a test's global transaction is one connection.
    const delays = await funderDelays({ ...org, day })
    const instalments = await openInstalments({ ...org, day })
    const months = await payrollMonths({ ...org, day, until })
    const rate = await chargeRate(org)
    const suppliers = await recurringSuppliers({ ...org, day })
    const items = await manualItems(org)
    const threshold = await treasuryThreshold(org)
    const funders = await funderChoices(org)
    const scenario = resolveScenario(this.params, funders, instalments)
    const engineScenario: engine.Scenario = {
      funderDelay: scenario.funder
        ? { funderId: scenario.funder.id, days: scenario.funder.days }
        : null,
      reduction: scenario.reduction,
    }
    const delayOf = new Map(delays.map((delay) => [delay.funderId, delay.medianDays]))
    const flows = [
      ...engine.instalmentFlows(day, instalments, delayOf, engineScenario),
      ...engine.payrollFlows(day, until, months, rate),
      ...engine.supplierFlows(day, until, suppliers),
      ...engine.manualFlows(day, until, items),
    ]
      .filter((flow) => flow.date <= until)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    return {
      opening: start,
      horizon: until,
      threshold,
      weekly: engine.rollForward(
        day,
        start.amount,
        flows,
        engine.weeklyPeriods(day),
        threshold.amount
      ),
      monthly: engine.rollForward(
        day,
        start.amount,
        flows,
        engine.monthlyPeriods(day),
        threshold.amount
      ),
      delays,
      flows,
      suppliers,
      payroll: { chargeRate: rate.times(100), months },
      scenario,
      choices: {
        funders,
        instalments: instalments.map((row) => ({
          id: row.scheduleId,
          label: `${row.funder} — ${row.reference} — ${row.expectedOn}`,
        })),
      },
    }
  }
}

export interface CashSummaryData {
  opening: CashForecastData['opening']
  lowest: { amount: Decimal; date: string }
  threshold: Decimal | null
}

/** The board portal's block: today's balance and the lowest over the 12 months ahead. */
export class CashSummary extends Report<Record<string, never>, CashSummaryData> {
  async build() {
    const forecast = await new CashForecast(this.tenant, {}).build()
    return {
      opening: forecast.opening,
      lowest: forecast.monthly.lowest,
      threshold: forecast.threshold.amount,
    }
  }
}

export interface ForecastRow {
  label: string
  kind: 'balance' | 'inflow' | 'outflow' | 'total'
  values: Decimal[]
}

const IN_SOURCES = ['grants', 'manual'] as const
const OUT_SOURCES = ['net_pay', 'social_charges', 'suppliers', 'manual'] as const

/** A forecast table as the page and the workbook show it: one row per source, periods across. */
export function forecastRows(table: engine.ForecastTable): ForecastRow[] {
  const periods = table.periods
  return [
    { label: 'Solde en début de période', kind: 'balance', values: periods.map((p) => p.opening) },
    ...IN_SOURCES.map((source) => ({
      label: `${FLOW_SOURCES[source]} (encaissements)`,
      kind: 'inflow' as const,
      values: periods.map((p) => p.inflows[source]),
    })),
    { label: 'Total des encaissements', kind: 'total', values: periods.map((p) => p.totalIn) },
    ...OUT_SOURCES.map((source) => ({
      label: `${FLOW_SOURCES[source]} (décaissements)`,
      kind: 'outflow' as const,
      values: periods.map((p) => p.outflows[source]),
    })),
    { label: 'Total des décaissements', kind: 'total', values: periods.map((p) => p.totalOut) },
    { label: 'Solde en fin de période', kind: 'balance', values: periods.map((p) => p.closing) },
    { label: 'Solde le plus bas', kind: 'balance', values: periods.map((p) => p.lowest.amount) },
  ]
}

/** The heading of a period: `du 01/01 au 07/01` for a week, `janvier 2024` for a month. */
export function periodLabel(period: { from: string; to: string }, kind: 'weekly' | 'monthly') {
  const from = DateTime.fromISO(period.from).setLocale('fr')
  const to = DateTime.fromISO(period.to).setLocale('fr')
  if (kind === 'monthly' && from.day === 1) return from.toFormat('LLLL yyyy')
  return `du ${from.toFormat('dd/MM')} au ${to.toFormat('dd/MM/yyyy')}`
}
