import { Report } from '#support/report'
import type { Tenant } from '#support/request_context'
import { toMoney } from '#support/money'
import { formatIban } from '#models/bank/iban'
import { labelOf } from '#vocabulary/labels'
import { MATCH_ORIGINS } from '#vocabulary/bank'
import { activeItem, bankAccountHead, LEDGER_LINES, rows } from '#reports/bank/sql'
import { MatchProposals } from '#reports/bank/match_proposals'
import { operationsOf } from '#reports/bank/bank_account_detail'
import { operationLabelSql, seesPayDetail } from '#reports/bank/pay_privacy'

/** Items listed at once on the matching page (oldest first); the workbook has them all. */
const SHOWN = 300

/**
 * The matching page of a bank account: the proposals (unambiguous first), the unmatched bank
 * operations and ledger lines to match by hand, and the matches made, each with who made it.
 */
export class MatchingPage extends Report<
  { bankAccountId: number },
  Awaited<ReturnType<typeof load>>
> {
  async build() {
    return load(this.tenant, this.params.bankAccountId)
  }
}

async function load(tenant: Tenant, bankAccountId: number) {
  const org = tenant.organisationId
  const payDetail = seesPayDetail(tenant)
  const account = await bankAccountHead(org, bankAccountId)
  const proposals = await new MatchProposals(tenant, { bankAccountId }).build()
  const operations = await operationsOf(org, account.id, null, null, payDetail)
  const lines = await rows<{
    id: string
    day: string
    label: string
    pieceRef: string | null
    amount: string
  }>(
    `WITH lines AS MATERIALIZED (${LEDGER_LINES} AND NOT ${activeItem('entry_line_id', 'l.id')})
     SELECT id, day, label, "pieceRef", amount::text AS amount FROM lines
      WHERE CAST(day AS date) >= coalesce(
        (SELECT min(opening_date) FROM bank_statements WHERE organisation_id = :org AND bank_account_id = :id),
        CAST(day AS date))
      ORDER BY day, id`,
    { org, id: account.id, accountId: account.accountId }
  )
  const matches = await rows<{
    id: number
    origin: string
    createdAt: string
    user: string | null
    note: string | null
    operations: string
    amount: string
    others: number
  }>(
    `SELECT m.id, m.origin, to_char(m.created_at AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY HH24:MI') AS "createdAt",
            u.full_name AS user, m.note,
            string_agg(to_char(o.booking_date, 'DD/MM/YYYY') || ' ' || ${operationLabelSql('o', payDetail)}, ' ; ' ORDER BY o.booking_date) AS operations,
            sum(o.amount)::text AS amount,
            (SELECT count(*)::int FROM bank_match_items x WHERE x.organisation_id = :org AND x.match_id = m.id AND x.bank_operation_id IS NULL) AS others
       FROM bank_matches m
       JOIN bank_match_items i ON i.organisation_id = m.organisation_id AND i.match_id = m.id AND i.active
       JOIN bank_operations o ON o.organisation_id = i.organisation_id AND o.id = i.bank_operation_id
       LEFT JOIN users u ON u.id = m.user_id
      WHERE m.organisation_id = :org AND m.bank_account_id = :id
      GROUP BY m.id, u.full_name
      ORDER BY m.id DESC
      LIMIT ${SHOWN}`,
    { org, id: account.id }
  )
  const ordered = [...proposals].sort(
    (a, b) =>
      Number(b.unambiguous) - Number(a.unambiguous) ||
      a.operation.day.localeCompare(b.operation.day)
  )
  return {
    account: { ...account, ibanText: formatIban(account.iban) },
    proposals: ordered,
    unambiguous: proposals.filter((p) => p.unambiguous).length,
    operations,
    lines: lines.map((line) => ({ ...line, amount: toMoney(line.amount) })),
    matches: matches.map((m) => ({
      ...m,
      originLabel: labelOf(MATCH_ORIGINS, m.origin),
      amount: toMoney(m.amount),
    })),
    shown: SHOWN,
  }
}
