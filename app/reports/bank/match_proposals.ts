import type { Decimal } from 'decimal.js'
import { ClientReport } from '#support/report'
import { toMoney } from '#support/money'
import { normaliseText } from '#imports/bank/statement'
import type { MATCH_TARGETS } from '#vocabulary/bank'
import { activeItem, bankAccountHead, LEDGER_LINES, rows } from '#reports/bank/sql'
import { operationPayJoin, operationTextsSql, seesPayDetail } from '#reports/bank/pay_privacy'

/** Days between a bank operation and the ledger line or receipt proposed for it. */
export const MATCH_WINDOW_DAYS = 10
/** Instalments are expected on a date, paid around it: a wider window. */
const INSTALMENT_WINDOW_DAYS = 30

export interface Candidate {
  target: keyof typeof MATCH_TARGETS
  id: string
  day: string
  amount: Decimal
  label: string
  days: number
  /** Words of at least three letters shared by the two labels and references. */
  similarity: number
}

export interface Proposal {
  operation: { id: number; day: string; amount: Decimal; label: string; reference: string | null }
  candidates: Candidate[]
  /** One candidate, itself proposed for no other operation: accepted by "accept all". */
  unambiguous: boolean
}

function words(text: string) {
  return new Set(
    normaliseText(text)
      .split(/[^A-Z0-9]+/)
      .filter((word) => word.length >= 3)
  )
}

function similarity(a: Set<string>, text: string) {
  let shared = 0
  for (const word of words(text)) if (a.has(word)) shared++
  return shared
}

/**
 * Proposals for a bank account's unmatched operations: ledger lines of its 512x account of the
 * same amount within MATCH_WINDOW_DAYS, and for incoming transfers with no such line, grant
 * receipts and instalments of the same amount. Candidates are ranked by shared words, then by
 * days apart; a proposal is unambiguous when the operation has one candidate that no other
 * operation has.
 */
export class MatchProposals extends ClientReport<{ bankAccountId: number }, Proposal[]> {
  async build() {
    const org = this.tenant.organisationId
    const payDetail = seesPayDetail(this.tenant)
    const account = await bankAccountHead(org, this.params.bankAccountId, this.client)
    const bindings = {
      org,
      id: account.id,
      accountId: account.accountId,
      window: MATCH_WINDOW_DAYS,
    }
    const operations = `
      SELECT o.id, o.booking_date, o.amount,
             concat_ws(' ', o.label, o.reference, o.counterparty) AS text
        FROM bank_operations o
       WHERE o.organisation_id = :org AND o.bank_account_id = :id AND NOT ${activeItem('bank_operation_id', 'o.id')}`
    const ledger = await rows<{
      operationId: number
      id: string
      day: string
      amount: string
      label: string
      pieceRef: string | null
      days: number
    }>(
      `WITH ops AS MATERIALIZED (${operations}),
            lines AS MATERIALIZED (${LEDGER_LINES} AND NOT ${activeItem('entry_line_id', 'l.id')})
       SELECT ops.id AS "operationId", lines.id, lines.day, lines.amount::text AS amount,
              lines.label, lines."pieceRef", abs(CAST(lines.day AS date) - ops.booking_date) AS days
         FROM ops JOIN lines ON lines.amount = ops.amount
          AND CAST(lines.day AS date) BETWEEN ops.booking_date - CAST(:window AS int) AND ops.booking_date + CAST(:window AS int)`,
      bindings,
      this.client
    )
    const grants = await rows<{
      operationId: number
      target: 'grant_receipt' | 'grant_instalment'
      id: string
      day: string
      amount: string
      label: string
      days: number
    }>(
      `WITH ops AS MATERIALIZED (${operations} AND o.amount > 0)
       SELECT ops.id AS "operationId", 'grant_receipt' AS target, r.id::text AS id,
              to_char(r.received_on, 'YYYY-MM-DD') AS day, r.amount::text AS amount,
              concat_ws(' ', f.name, g.reference, r.reference) AS label,
              abs(r.received_on - ops.booking_date) AS days
         FROM ops
         JOIN grant_receipts r ON r.organisation_id = :org AND r.amount = ops.amount AND r.cancelled_at IS NULL
          AND r.received_on BETWEEN ops.booking_date - CAST(:window AS int) AND ops.booking_date + CAST(:window AS int)
         JOIN grants g ON g.organisation_id = r.organisation_id AND g.id = r.grant_id
         JOIN funders f ON f.organisation_id = g.organisation_id AND f.id = g.funder_id
        WHERE NOT ${activeItem('grant_receipt_id', 'r.id')}
       UNION ALL
       SELECT ops.id, 'grant_instalment', s.id::text, to_char(s.expected_on, 'YYYY-MM-DD'), s.amount::text,
              concat_ws(' ', f.name, g.reference, s.label), abs(s.expected_on - ops.booking_date)
         FROM ops
         JOIN grant_payment_schedules s ON s.organisation_id = :org AND s.amount = ops.amount AND s.cancelled_at IS NULL
          AND s.expected_on BETWEEN ops.booking_date - CAST(:instalmentWindow AS int) AND ops.booking_date + CAST(:instalmentWindow AS int)
         JOIN grants g ON g.organisation_id = s.organisation_id AND g.id = s.grant_id
         JOIN funders f ON f.organisation_id = g.organisation_id AND f.id = g.funder_id
        WHERE NOT ${activeItem('grant_payment_schedule_id', 's.id')}`,
      { ...bindings, instalmentWindow: INSTALMENT_WINDOW_DAYS },
      this.client
    )
    const ops = await rows<{
      id: number
      day: string
      amount: string
      label: string
      reference: string | null
      text: string
    }>(
      `SELECT o.id, to_char(o.booking_date, 'YYYY-MM-DD') AS day, o.amount::text AS amount,
              ${operationTextsSql('o', payDetail)}, concat_ws(' ', o.label, o.reference, o.counterparty) AS text
         FROM bank_operations o
         ${operationPayJoin('o', payDetail)}
        WHERE o.organisation_id = :org AND o.bank_account_id = :id AND NOT ${activeItem('bank_operation_id', 'o.id')}
          AND o.id IN (SELECT unnest(CAST(:ids AS int[])))
        ORDER BY o.booking_date, o.id`,
      { org, id: account.id, ids: [...new Set([...ledger, ...grants].map((c) => c.operationId))] },
      this.client
    )
    const byOperation = new Map<number, Candidate[]>()
    const usage = new Map<string, number>()
    const texts = new Map(ops.map((op) => [op.id, words(op.text)]))
    const add = (operationId: number, candidate: Omit<Candidate, 'similarity'>) => {
      const list = byOperation.get(operationId) ?? []
      list.push({
        ...candidate,
        similarity: similarity(texts.get(operationId) ?? new Set(), candidate.label),
      })
      byOperation.set(operationId, list)
      const key = `${candidate.target}:${candidate.id}`
      usage.set(key, (usage.get(key) ?? 0) + 1)
    }
    for (const line of ledger) {
      add(line.operationId, {
        target: 'entry_line',
        id: line.id,
        day: line.day,
        amount: toMoney(line.amount),
        label: [line.label, line.pieceRef].filter(Boolean).join(' · '),
        days: Number(line.days),
      })
    }
    for (const grant of grants) {
      if (byOperation.get(grant.operationId)?.some((c) => c.target === 'entry_line')) continue
      add(grant.operationId, {
        target: grant.target,
        id: grant.id,
        day: grant.day,
        amount: toMoney(grant.amount),
        label: grant.label,
        days: Number(grant.days),
      })
    }
    return ops.map((op) => {
      const candidates = (byOperation.get(op.id) ?? []).sort(
        (a, b) => b.similarity - a.similarity || a.days - b.days || a.id.localeCompare(b.id)
      )
      return {
        operation: {
          id: op.id,
          day: op.day,
          amount: toMoney(op.amount),
          label: op.label,
          reference: op.reference,
        },
        candidates,
        unambiguous:
          candidates.length === 1 && usage.get(`${candidates[0].target}:${candidates[0].id}`) === 1,
      }
    })
  }
}
