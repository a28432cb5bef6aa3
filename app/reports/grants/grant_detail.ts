import { Report } from '#support/report'
import type { Tenant } from '#support/request_context'
import type { DateTime } from 'luxon'
import Grant from '#models/grants/grant'
import { reportingDeadlines } from '#reports/grants/deadlines'
import { REVENUE_LINE, COST_LINE, dec, rows, type Client } from '#reports/grants/sql'
import { sumMoney } from '#support/money'

interface GrantDetailParams {
  grantId: number
  /** Day of the reporting deadlines' lists (overdue, due within 90 days); today by default. */
  today?: DateTime
}

/** Everything the convention page shows, with ledger figures per year from the analytic lines. */
export class GrantDetail extends Report<
  GrantDetailParams,
  Awaited<ReturnType<typeof grantDetail>>
> {
  constructor(
    tenant: Tenant,
    params: GrantDetailParams,
    private client?: Client
  ) {
    super(tenant, params)
  }

  build() {
    return grantDetail(this.tenant.organisationId, this.params, this.client)
  }
}

async function grantDetail(organisationId: number, params: GrantDetailParams, client?: Client) {
  const grant = await Grant.query({ client: client })
    .where('id', params.grantId)
    .where('organisationId', organisationId)
    .preload('funder')
    .preload('programmes')
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
    await rows(
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
  const scheduled = sumMoney(grant.schedule.map((s) => s.amount))
  const received = sumMoney(grant.receipts.map((r) => r.amount))
  const reporting = await reportingDeadlines(
    organisationId,
    { today: params.today, grantId: grant.id },
    client
  )
  return {
    grant,
    ledger,
    reportingDeadlines: reporting,
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
