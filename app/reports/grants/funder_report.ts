import { ClientReport, Report } from '#support/report'
import type { Tenant } from '#support/request_context'
import type { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import Grant from '#models/grants/grant'
import GrantReport from '#models/grants/grant_report'
import { REVENUE_LINE, dec, rows, type Client } from '#reports/grants/sql'
import { grantOf } from '#reports/grants/grant_detail'
import { roundCents, sumMoney, ZERO } from '#support/money'
import { staffCostMasks } from '#reports/hr/staff_cost_privacy'

export interface FunderReportParams {
  grantId: number
  /** ISO calendar dates, inclusive. */
  from: string
  to: string
}

/**
 * The period a report is asked for (?du=&au=): by default the first calendar year of the
 * convention, cut at its end; an end before the start is the start.
 */
export async function reportPeriod(
  grantId: number,
  asked: { du?: unknown; au?: unknown },
  client?: Client
) {
  const grant = await Grant.query({ client }).where('id', grantId).firstOrFail()
  const valid = (v: unknown): v is string => typeof v === 'string' && DateTime.fromISO(v).isValid
  const from = valid(asked.du) ? asked.du : grant.periodStart.toISODate()!
  const yearEnd = DateTime.fromISO(from).endOf('year')
  const fallback = (grant.periodEnd < yearEnd ? grant.periodEnd : yearEnd).toISODate()!
  const to = valid(asked.au) ? asked.au : fallback
  return { grant, from, to: to < from ? from : to }
}

/** The report's page: the period resolved from the query string, then the report of it. */
export class FunderReportPage extends Report<
  { grantId: number; du?: unknown; au?: unknown },
  { from: string; to: string; report: Awaited<ReturnType<typeof funderReport>> }
> {
  async build() {
    const { grant, from, to } = await reportPeriod(this.params.grantId, this.params)
    const report = await new FunderReport(this.tenant, { grantId: grant.id, from, to }).build()
    return { from, to, report }
  }
}

/** Direct staff costs of a programme from the HR time allocations, when HR provides them. */
type StaffCostSource = (
  tenant: Tenant,
  programmeId: number | null,
  from: string,
  to: string
) => Promise<StaffCostFigures>

/** What this report reads of an HR staff cost. */
type StaffCostFigures = { total: Decimal; hours: Decimal; employees: Array<{ employeeId: number }> }

/** The HR report a staff cost is built with (its constructor, as far as this report uses it). */
type StaffCostReport = new (
  tenant: Tenant,
  params: { programmeId: number | null; from: string; to: string }
) => { build(): Promise<StaffCostFigures> }

async function hrStaffCosts(): Promise<StaffCostSource | null> {
  try {
    // Resolved at run time: the report fills in once the HR domain provides staff costs.
    const specifier = '#reports/hr/staff_costs'
    const module = await import(specifier)
    const ProgrammeStaffCost = module.ProgrammeStaffCost as StaffCostReport | undefined
    if (!ProgrammeStaffCost) return null
    return (tenant, programmeId, from, to) =>
      new ProgrammeStaffCost(tenant, { programmeId, from, to }).build()
  } catch {
    return null
  }
}

/**
 * Bilan d'exécution of a convention over a period (domain.md §5): the programme, its costs
 * (direct staff costs from HR time allocations × salary cost when they exist, otherwise the
 * convention's 64x ledger lines; other direct costs from the ledger; the convention's flat
 * rate), its resources (this convention and the co-funders of the same programmes, from the
 * ledger), activity achieved against targets, participant indicators and the stored texts.
 */
export class FunderReport extends ClientReport<
  FunderReportParams,
  Awaited<ReturnType<typeof funderReport>>
> {
  build() {
    return funderReport(this.tenant, this.params, this.client)
  }
}

async function funderReport(tenant: Tenant, params: FunderReportParams, client?: Client) {
  const organisationId = tenant.organisationId
  const grant = await grantOf(organisationId, params.grantId, client)
    .preload('targets', (q) => q.whereNull('cancelledAt').orderBy(['year', 'indicatorCode']))
    .firstOrFail()
  const bind = { org: organisationId, id: params.grantId, from: params.from, to: params.to }
  const period = `l.entry_date BETWEEN CAST(:from AS date) AND CAST(:to AS date) AND j.code <> 'AN'`

  const programmeIds = grant.programmes.map((p) => p.id)
  const resources = (
    await rows<{ id: number; reference: string; funder: string; own: boolean; amount: string }>(
      `SELECT g.id, g.reference, f.name AS funder, g.id = :id AS own,
              coalesce((SELECT sum(l.credit - l.debit) FROM grant_ledger_lines l
                 JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
                WHERE l.organisation_id = g.organisation_id AND l.grant_id = g.id AND ${REVENUE_LINE}
                  AND ${period}), 0) AS amount
         FROM grants g JOIN funders f ON f.id = g.funder_id
        WHERE g.organisation_id = :org
          AND (g.id = :id OR EXISTS (SELECT 1 FROM grant_programmes gp WHERE gp.grant_id = g.id
                                      AND gp.programme_id = ANY(CAST(:programmes AS int[]))))
        ORDER BY g.id = :id DESC, f.name, g.reference`,
      { ...bind, programmes: `{${programmeIds.join(',')}}` },
      client
    )
  ).map((r) => ({
    grantId: r.id,
    reference: r.reference,
    funder: r.funder,
    own: r.own,
    amount: dec(r.amount),
  }))
  // Costs of the operation: the lines of every convention that funds its programmes.
  const [ledger] = await rows<{ staff: string; other: string }>(
    `SELECT coalesce(sum(CASE WHEN l.account_number LIKE '64%' THEN l.debit - l.credit END), 0) AS staff,
            coalesce(sum(CASE WHEN l.account_number ~ '^6[0-35]' THEN l.debit - l.credit END), 0) AS other
       FROM grant_ledger_lines l JOIN entries e ON e.id = l.entry_id JOIN journals j ON j.id = e.journal_id
      WHERE l.organisation_id = :org AND l.grant_id = ANY(CAST(:grants AS int[])) AND ${period}`,
    { ...bind, grants: `{${resources.map((r) => r.grantId).join(',')}}` },
    client
  )
  const staffSource = await hrStaffCosts()
  let hrStaff: { total: Decimal; hours: Decimal; people: number[] } | null = null
  if (staffSource && programmeIds.length) {
    let total = ZERO
    let hours = ZERO
    const people: number[] = []
    for (const programmeId of programmeIds) {
      const cost = await staffSource(tenant, programmeId, params.from, params.to)
      total = total.plus(cost.total)
      hours = hours.plus(cost.hours)
      people.push(...cost.employees.map((e) => e.employeeId))
    }
    if (total.gt(0)) hrStaff = { total, hours, people }
  }
  const staff = hrStaff ? hrStaff.total : dec(ledger.staff)
  const other = dec(ledger.other)
  // Fewer than three people's pay is not shown to readers without pay detail, nor the figures
  // it can be read back from (staff_cost_privacy); the 20 % rate does not use it.
  const reserved =
    hrStaff !== null &&
    grant.flatRate.toNumber() !== 20 &&
    staffCostMasks(tenant, [hrStaff.people]).lines[0]
  const computed = flatRate(grant, staff, other)
  const costs = reserved
    ? {
        ...computed,
        staff: null,
        flat: computed.flat.isZero() ? computed.flat : null,
        eligible: null,
      }
    : computed

  const totalResources = sumMoney(resources.map((r) => r.amount))

  const fromYear = Number(params.from.slice(0, 4))
  const toYear = Number(params.to.slice(0, 4))
  const achieved = await rows<{
    code: string
    label: string
    year: number
    breakdown: string | null
    modality: string | null
    value: string
  }>(
    `SELECT i.code, i.label, v.year, v.breakdown, v.modality, sum(v.value) AS value
       FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
      WHERE v.organisation_id = :org AND v.year BETWEEN :fromYear AND :toYear
        AND v.programme_id = ANY(CAST(:programmes AS int[]))
      GROUP BY i.code, i.label, v.year, v.breakdown, v.modality
      ORDER BY i.code, v.year, v.breakdown NULLS FIRST, v.modality`,
    { org: organisationId, fromYear, toYear, programmes: `{${programmeIds.join(',')}}` },
    client
  )
  const activity = grant.targets
    .filter((t) => t.year >= fromYear && t.year <= toYear)
    .map((t) => {
      const value = achieved.find(
        (a) => a.code === t.indicatorCode && a.year === t.year && a.breakdown === null
      )
      const done = value ? dec(value.value) : null
      return {
        code: t.indicatorCode,
        label: t.label,
        year: t.year,
        target: t.target,
        achieved: done,
        rate: done && t.target.gt(0) ? done.div(t.target) : null,
      }
    })
  const participants = achieved
    .filter(
      (a) => a.breakdown !== null || !activity.some((t) => t.code === a.code && t.year === a.year)
    )
    .map((a) => ({
      code: a.code,
      label: a.label,
      year: a.year,
      breakdown: a.breakdown,
      modality: a.modality,
      value: dec(a.value),
    }))

  const texts = await GrantReport.query({ client: client })
    .where('grantId', params.grantId)
    .where('periodStart', params.from)
    .where('periodEnd', params.to)
    .first()

  return {
    grant,
    from: params.from,
    to: params.to,
    isFse: grant.funder.category === 'fse',
    costs: {
      ...costs,
      actualOther: other,
      staffSource: hrStaff ? 'hr' : 'ledger',
      hours: hrStaff?.hours ?? null,
      ledgerStaff: dec(ledger.staff),
    },
    resources,
    totalResources,
    reserved,
    balance: costs.eligible === null ? null : totalResources.minus(costs.eligible),
    activity,
    participants,
    texts,
  }
}

/** CPR 2021/1060 simplified cost options (art. 54, 55, 56), chosen per convention. */
function flatRate(grant: Grant, staff: Decimal, other: Decimal) {
  const rate = grant.flatRate.div(100)
  switch (grant.flatRate.toNumber()) {
    case 7: {
      const flat = roundCents(staff.plus(other).times(rate))
      return {
        staff,
        other,
        flat,
        flatLabel: 'Coûts indirects : 7 % des coûts directs',
        eligible: staff.plus(other).plus(flat),
      }
    }
    case 15: {
      const flat = roundCents(staff.times(rate))
      return {
        staff,
        other,
        flat,
        flatLabel: 'Coûts indirects : 15 % des frais de personnel directs',
        eligible: staff.plus(other).plus(flat),
      }
    }
    case 20: {
      const flat = roundCents(other.times(rate))
      return {
        staff: flat,
        other,
        flat,
        flatLabel: 'Frais de personnel directs : 20 % des autres coûts directs',
        eligible: other.plus(flat),
      }
    }
    case 40: {
      const flat = roundCents(staff.times(rate))
      return {
        staff,
        other: ZERO,
        flat,
        flatLabel: 'Tous les autres coûts : 40 % des frais de personnel directs',
        eligible: staff.plus(flat),
      }
    }
    default:
      return {
        staff,
        other,
        flat: ZERO,
        flatLabel: 'Coûts réels (aucun taux forfaitaire)',
        eligible: staff.plus(other),
      }
  }
}
