import { Report } from '#support/report'
import { Receivables } from '#reports/grants/receivables'
import { rows } from '#reports/grants/sql'
import { coverageCte } from '#reports/grants/instalments'

/**
 * Receivables at a date, the receipts up to it and the whole payment schedule (cancelled
 * receipts and instalments left out; an instalment is paid when the receipts up to the date
 * cover it, as on the convention's page: #reports/grants/instalments).
 */
export class PaymentsOverview extends Report<{ date: string }, Awaited<ReturnType<typeof load>>> {
  async build() {
    return load(
      await new Receivables(this.tenant, { date: this.params.date }).build(),
      this.tenant.organisationId,
      this.params.date
    )
  }
}

async function load(
  receivables: Awaited<ReturnType<Receivables['build']>>,
  organisationId: number,
  date: string
) {
  const receipts = await rows<{
    receivedOn: Date
    reference: string
    funder: string
    amount: string
    receiptReference: string | null
    entryLineId: number | null
    grantId: number
  }>(
    `SELECT r.received_on AS "receivedOn", g.reference, f.name AS funder, r.amount::text AS amount,
            r.reference AS "receiptReference", r.entry_line_id AS "entryLineId", g.id AS "grantId"
       FROM grant_receipts r JOIN grants g ON g.id = r.grant_id JOIN funders f ON f.id = g.funder_id
      WHERE r.organisation_id = :org AND r.cancelled_at IS NULL AND r.received_on <= CAST(:date AS date)
      ORDER BY r.received_on DESC, r.id DESC`,
    { org: organisationId, date }
  )
  const schedule = await rows<{
    expectedOn: Date
    reference: string
    kind: string
    label: string | null
    amount: string
    grantId: number
    paid: boolean
  }>(
    `WITH ${coverageCte()}
     SELECT s.expected_on AS "expectedOn", g.reference, s.kind, s.label, s.amount::text AS amount, g.id AS "grantId",
            coalesce(c.remaining <= 0, false) AS paid
       FROM grant_payment_schedules s JOIN grants g ON g.id = s.grant_id
       LEFT JOIN coverage c ON c.id = s.id
      WHERE s.organisation_id = :org AND s.cancelled_at IS NULL ORDER BY s.expected_on, g.reference`,
    { org: organisationId, day: date }
  )
  return { receivables, receipts, schedule }
}
