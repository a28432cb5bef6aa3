import { ClientReport } from '#support/report'
import type { Tenant } from '#support/request_context'
import type { DateTime } from 'luxon'
import Grant from '#models/grants/grant'
import { ReportingDeadlines } from '#reports/grants/deadlines'
import { REVENUE_LINE, COST_LINE, dec, rows, type Client } from '#reports/grants/sql'
import { sumMoney } from '#support/money'
import {
  InstalmentPositions,
  MatchableInstalments,
  ReceiptAllocations,
} from '#reports/grants/instalments'
import { nextSteps } from '#vocabulary/grants'
import { LedgerLineChoices } from '#reports/grants/line_choices'
import { GrantBudget } from '#reports/grants/grant_budget'

interface GrantDetailParams {
  grantId: number
  /** Day of the reporting deadlines' lists (overdue, due within 90 days); today by default. */
  today?: DateTime
  /** Search of the ledger lines the allocation and receipt forms offer (`?q=`). */
  q?: string
}

/**
 * Everything the convention page shows, with ledger figures per year from the analytic lines.
 * Cancelled records are listed (struck out, with who and why) and counted in no total.
 */
export class GrantDetail extends ClientReport<
  GrantDetailParams,
  Awaited<ReturnType<typeof grantDetail>>
> {
  build() {
    return grantDetail(this.tenant, this.params, this.client)
  }
}

/** The query of a convention of the organisation, with its funder and programmes. */
export function grantOf(organisationId: number, grantId: number, client?: Client) {
  return Grant.query({ client })
    .where('id', grantId)
    .where('organisationId', organisationId)
    .preload('funder')
    .preload('programmes')
}

async function grantDetail(tenant: Tenant, params: GrantDetailParams, client?: Client) {
  const organisationId = tenant.organisationId
  const grant = await grantOf(organisationId, params.grantId, client)
    .preload('years', (q) => q.orderBy('year'))
    .preload('targets', (q) => q.orderBy(['year', 'indicatorCode']))
    .preload('deadlines', (q) => q.orderBy('dueOn'))
    .preload('events', (q) => q.orderBy([{ column: 'occurredOn' }, { column: 'id' }]))
    .preload('amendments', (q) => q.orderBy('signedOn'))
    .preload('schedule', (q) => q.orderBy('expectedOn'))
    .preload('receipts', (q) => q.orderBy('receivedOn'))
    .preload('documents', (q) => q.orderBy('createdAt'))
    .firstOrFail()
  const ledger = (
    await rows<{ year: number; recognised: string; consumed: string; lines: number }>(
      `SELECT extract(year FROM l.entry_date)::int AS year,
              sum(CASE WHEN ${REVENUE_LINE} THEN l.credit - l.debit ELSE 0 END) AS recognised,
              sum(CASE WHEN ${COST_LINE} THEN l.debit - l.credit ELSE 0 END) AS consumed,
              count(*)::int AS lines
         FROM grant_ledger_lines l JOIN grants g ON g.id = l.grant_id
        WHERE l.organisation_id = :org AND l.grant_id = :id
        GROUP BY 1 ORDER BY 1`,
      { org: organisationId, id: params.grantId },
      client
    )
  ).map((r) => ({
    year: r.year,
    recognised: dec(r.recognised),
    consumed: dec(r.consumed),
    lines: r.lines,
  }))
  const split = sumMoney(grant.years.map((y) => y.amount))
  const live = <T extends { cancelledAt: unknown }>(list: T[]) =>
    list.filter((row) => row.cancelledAt === null)
  const scheduled = sumMoney(live(grant.schedule).map((s) => s.amount))
  const received = sumMoney(live(grant.receipts).map((r) => r.amount))
  const reporting = await new ReportingDeadlines(
    tenant,
    { today: params.today, grantId: grant.id },
    client
  ).build()
  const positions = await new InstalmentPositions(
    tenant,
    { grantId: grant.id, today: params.today },
    client
  ).build()
  const allocations = await new ReceiptAllocations(tenant, { grantId: grant.id }, client).build()
  return {
    grant,
    ledger,
    reportingDeadlines: reporting,
    /** Each instalment (not cancelled) as it stands at the day: paid, partly paid, overdue... */
    instalments: Object.fromEntries(positions.instalments.map((i) => [i.scheduleId, i])),
    /** What each receipt pays, by receipt id. */
    allocations: Object.groupBy(allocations, (a) => String(a.receiptId)),
    /** The receipt form's choices: instalments still open to matching. */
    openInstalments: await new MatchableInstalments(tenant, { grantId: grant.id }, client).build(),
    /** The lifecycle steps that may come next (the step form's choices). */
    nextSteps: nextSteps(live(grant.events).map((e) => e.kind)),
    /** The allocation and receipt forms' ledger lines, chosen by description (never by id). */
    lineChoices: await new LedgerLineChoices(
      tenant,
      { grantId: grant.id, q: params.q },
      client
    ).build(),
    lineSearch: params.q ?? '',
    /** The cost budget by nature and by programme against the costs attributed. */
    budget: await new GrantBudget(tenant, { grantId: grant.id }, client).build(),
    totals: {
      split,
      unsplit: grant.amountAwarded.minus(split),
      scheduled,
      received,
      awaited: grant.amountAwarded.minus(received),
      ledgerLines: ledger.reduce((n, l) => n + l.lines, 0),
    },
  }
}
