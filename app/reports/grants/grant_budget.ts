import type { Decimal } from 'decimal.js'
import { ClientReport } from '#support/report'
import GrantBudgetLine from '#models/grants/grant_budget_line'
import Programme from '#models/activity/programme'
import type Grant from '#models/grants/grant'
import { grantOf } from '#reports/grants/grant_detail'
import { COST_LINE, dec, rows, type Client } from '#reports/grants/sql'
import { sumMoney, ZERO } from '#support/money'
import { ProgrammeStaffCost } from '#reports/hr/staff_costs'
import { staffCostMasks } from '#reports/hr/staff_cost_privacy'
import type { Tenant } from '#support/request_context'
import { COST_NATURES, COST_NATURE_ACCOUNTS, type CostNature } from '#vocabulary/grants'

export type BudgetRow = {
  /** The line's key in the add form (`nature:<code>`, `programme:<id>`); null: no programme. */
  key: string | null
  label: string
  /** The budget line (its id and version for the edit and delete forms), null when unbudgeted. */
  lineId: number | null
  version: number | null
  budget: Decimal
  actual: Decimal
  /** Budget minus actual: positive while costs stay under the budget. */
  gap: Decimal
  /** Actual over budget, null without a budget. */
  rate: Decimal | null
}

function budgetRow(
  key: string | null,
  label: string,
  line: GrantBudgetLine | undefined,
  actual: Decimal
): BudgetRow {
  const budget = line?.amount ?? ZERO
  return {
    key,
    label,
    lineId: line?.id ?? null,
    version: line?.version ?? null,
    budget,
    actual,
    gap: budget.minus(actual),
    rate: budget.gt(0) ? actual.div(budget) : null,
  }
}

/** The nature of a cost line, from its account (COST_NATURE_ACCOUNTS, no user input). */
const NATURE_OF_LINE = `CASE ${Object.entries(COST_NATURE_ACCOUNTS)
  .map(([nature, pattern]) => `WHEN l.account_number ~ '${pattern}' THEN '${nature}'`)
  .join(' ')} END`

/**
 * A convention's cost budget against its actual costs (issue #14): by cost nature and by
 * programme, each line budget / actual / gap / rate, with totals. Actual costs are the class 6
 * lines attributed to the convention (booked with it, or attributed later by the allocation
 * overlay: grant_ledger_lines), the fonds dédiés charge (689x) excepted, as the convention's
 * page counts them; by programme, the programme of the underlying ledger line.
 *
 * `staff` sets the réalisé with the staff costs of HR beside it: the convention's programmes'
 * time allocations × cost per person over the convention's period (ProgrammeStaffCost, the
 * figures of the funder report), which then stand for the staff charges (64) of the ledger, as
 * in the funder report; the other charges stay those of the ledger.
 */
export class GrantBudget extends ClientReport<
  { grantId: number },
  Awaited<ReturnType<typeof grantBudget>>
> {
  build() {
    return grantBudget(this.tenant, this.params.grantId, this.client)
  }
}

async function grantBudget(tenant: Tenant, grantId: number, client?: Client) {
  const org = tenant.organisationId
  const grant = await grantOf(org, grantId, client).firstOrFail()
  const lines = await GrantBudgetLine.query({ client: client })
    .where('grantId', grant.id)
    .orderBy('id')
  const bind = { org, id: grant.id }
  const byNature = await rows<{ nature: CostNature; actual: string }>(
    `SELECT ${NATURE_OF_LINE} AS nature, sum(l.debit - l.credit) AS actual
         FROM grant_ledger_lines l
        WHERE l.organisation_id = :org AND l.grant_id = :id AND ${COST_LINE}
        GROUP BY 1`,
    bind,
    client
  )
  const byProgramme = await rows<{ programme_id: number | null; actual: string }>(
    `SELECT e.programme_id, sum(l.debit - l.credit) AS actual
         FROM grant_ledger_lines l JOIN entry_lines e ON e.id = l.entry_line_id
        WHERE l.organisation_id = :org AND l.grant_id = :id AND ${COST_LINE}
        GROUP BY 1`,
    bind,
    client
  )
  const programmes = await Programme.query({ client: client }).orderBy(['position', 'name'])
  const nameOf = new Map(programmes.map((p) => [p.id, p.name]))

  const natures = (Object.keys(COST_NATURES) as CostNature[])
    .map((nature) =>
      budgetRow(
        `nature:${nature}`,
        COST_NATURES[nature],
        lines.find((l) => l.nature === nature),
        dec(byNature.find((r) => r.nature === nature)?.actual)
      )
    )
    .filter((r) => r.lineId !== null || !r.actual.isZero())
  const programmeIds = [
    ...lines.flatMap((l) => (l.programmeId === null ? [] : [l.programmeId])),
    ...byProgramme.flatMap((r) => (r.programme_id === null ? [] : [r.programme_id])),
  ]
  const byProgrammeRows = programmes
    .filter((p) => programmeIds.includes(p.id))
    .map((p) =>
      budgetRow(
        `programme:${p.id}`,
        p.name,
        lines.find((l) => l.programmeId === p.id),
        dec(byProgramme.find((r) => r.programme_id === p.id)?.actual)
      )
    )
  const unassigned = byProgramme.find((r) => r.programme_id === null)
  if (unassigned && !dec(unassigned.actual).isZero())
    byProgrammeRows.push(
      budgetRow(null, 'Sans dispositif sur la ligne', undefined, dec(unassigned.actual))
    )

  const natureTotal = totals(natures)
  const staff = await staffBeside(tenant, grant, natureTotal, natures)

  const budgeted = new Set(natures.concat(byProgrammeRows).filter((r) => r.lineId))
  const taken = new Set([...budgeted].map((r) => r.key))
  return {
    grant,
    natures: { rows: natures, total: natureTotal },
    programmes: { rows: byProgrammeRows, total: totals(byProgrammeRows) },
    staff,
    /** The add form's choices: natures and programmes without a budget line yet. */
    choices: [
      {
        label: 'Nature de charge',
        options: (Object.keys(COST_NATURES) as CostNature[])
          .filter((n) => !taken.has(`nature:${n}`))
          .map((n) => ({ value: `nature:${n}`, label: COST_NATURES[n] })),
      },
      {
        label: 'Dispositif',
        options: programmes
          .filter((p) => !taken.has(`programme:${p.id}`))
          .map((p) => ({ value: `programme:${p.id}`, label: nameOf.get(p.id)! })),
      },
    ].filter((g) => g.options.length),
  }
}

/**
 * The réalisé with HR's staff costs: one line per programme of the convention (time allocated
 * × cost per person over the convention's period), the ledger's other charges, the ledger's
 * staff charges for the record. Without staff time on its programmes, the ledger's stand.
 * A programme's cost made of fewer than three people is null for readers without pay detail,
 * and so are the HR total and the réalisé when they would give it back (staff_cost_privacy).
 */
async function staffBeside(
  tenant: Tenant,
  grant: Grant,
  natureTotal: BudgetRow,
  natures: BudgetRow[]
) {
  const from = grant.periodStart.toISODate()!
  const to = grant.periodEnd.toISODate()!
  const costs = []
  for (const programme of grant.programmes) {
    const cost = await new ProgrammeStaffCost(tenant, {
      programmeId: programme.id,
      from,
      to,
    }).build()
    costs.push({ programme, cost })
  }
  const hr = sumMoney(costs.map((c) => c.cost.total))
  const ledgerStaff = natures.find((r) => r.key === 'nature:staff')?.actual ?? ZERO
  const otherCosts = natureTotal.actual.minus(ledgerStaff)
  const source: 'hr' | 'ledger' = hr.gt(0) ? 'hr' : 'ledger'
  const actual = otherCosts.plus(source === 'hr' ? hr : ledgerStaff)
  const masks = staffCostMasks(
    tenant,
    costs.map((c) => c.cost.employees.map((e) => e.employeeId))
  )
  const hidden = source === 'hr' && masks.total
  return {
    from,
    to,
    source,
    programmes: costs.map(({ programme, cost }, i) => ({
      programmeId: programme.id,
      label: programme.name,
      hours: cost.hours,
      total: masks.lines[i] ? null : cost.total,
    })),
    hr: hidden ? null : hr,
    ledgerStaff,
    otherCosts,
    actual: hidden ? null : actual,
    budget: natureTotal.budget,
    gap: hidden ? null : natureTotal.budget.minus(actual),
    rate: hidden || !natureTotal.budget.gt(0) ? null : actual.div(natureTotal.budget),
  }
}

function totals(list: BudgetRow[]): BudgetRow {
  const budget = sumMoney(list.map((r) => r.budget))
  const actual = sumMoney(list.map((r) => r.actual))
  return {
    key: null,
    label: 'Total',
    lineId: null,
    version: null,
    budget,
    actual,
    gap: budget.minus(actual),
    rate: budget.gt(0) ? actual.div(budget) : null,
  }
}
