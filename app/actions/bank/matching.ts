import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import type { Tenant } from '#support/request_context'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import { formatMoney } from '#support/french_format'
import { sumMoney, toMoney } from '#support/money'
import type BankAccount from '#models/bank/bank_account'
import type { MATCH_ORIGINS } from '#vocabulary/bank'

export interface MatchSides {
  operationIds: number[]
  entryLineIds?: number[]
  receiptIds?: number[]
  instalmentIds?: number[]
}

type Item = {
  bank_operation_id?: number
  entry_line_id?: string
  grant_receipt_id?: number
  grant_payment_schedule_id?: number
  amount: string
}

/** Rows of ids of the organisation, unmatched, with their amounts; refused when one is missing. */
async function pick(
  t: TransactionClientContract,
  what: string,
  sql: string,
  ids: number[],
  bindings: Record<string, unknown>
) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  const result = await t.rawQuery(sql, { ...bindings, ids: unique })
  const found = result.rows as Array<{ id: string; amount: string; matched: boolean }>
  if (found.length !== unique.length) {
    throw new RuleError(
      `Une partie des ${what} choisies n’existe pas ou n’appartient pas à ce compte.`
    )
  }
  if (found.some((row) => row.matched)) {
    throw new RuleError(`Une partie des ${what} choisies est déjà rapprochée.`)
  }
  return found.map((row) => ({ id: row.id, amount: toMoney(row.amount) }))
}

const MATCHED = (column: string, id: string) =>
  `EXISTS (SELECT 1 FROM bank_match_items mi WHERE mi.organisation_id = :org AND mi.${column} = ${id} AND mi.active) AS matched`

/**
 * Writes one match of a bank account: operations on one side; ledger lines of its 512x account,
 * grant receipts or instalments on the other; the amounts of both sides sum to the same total.
 * The caller holds the bank account's lock.
 */
export async function createMatch(
  tenant: Tenant,
  account: BankAccount,
  sides: MatchSides,
  origin: keyof typeof MATCH_ORIGINS,
  note: string | null,
  t: TransactionClientContract
) {
  const bindings = { org: tenant.organisationId, bank: account.id, accountId: account.accountId }
  const operations = await pick(
    t,
    'opérations bancaires',
    `SELECT o.id::text AS id, o.amount::text AS amount, ${MATCHED('bank_operation_id', 'o.id')}
       FROM bank_operations o
      WHERE o.organisation_id = :org AND o.bank_account_id = :bank AND o.id = ANY(CAST(:ids AS int[]))`,
    sides.operationIds,
    bindings
  )
  const lines = await pick(
    t,
    'lignes comptables',
    `SELECT l.id::text AS id, (l.debit - l.credit)::text AS amount, ${MATCHED('entry_line_id', 'l.id')}
       FROM entry_lines l
      WHERE l.organisation_id = :org AND l.account_id = :accountId AND l.id = ANY(CAST(:ids AS bigint[]))`,
    sides.entryLineIds ?? [],
    bindings
  )
  const receipts = await pick(
    t,
    'encaissements de subvention',
    `SELECT r.id::text AS id, r.amount::text AS amount, ${MATCHED('grant_receipt_id', 'r.id')}
       FROM grant_receipts r
      WHERE r.organisation_id = :org AND r.cancelled_at IS NULL AND r.id = ANY(CAST(:ids AS int[]))`,
    sides.receiptIds ?? [],
    bindings
  )
  const instalments = await pick(
    t,
    'échéances de subvention',
    `SELECT s.id::text AS id, s.amount::text AS amount, ${MATCHED('grant_payment_schedule_id', 's.id')}
       FROM grant_payment_schedules s
      WHERE s.organisation_id = :org AND s.cancelled_at IS NULL AND s.id = ANY(CAST(:ids AS int[]))`,
    sides.instalmentIds ?? [],
    bindings
  )
  if (operations.length === 0) throw new RuleError('Choisissez au moins une opération bancaire.')
  const others = [...lines, ...receipts, ...instalments]
  if (others.length === 0) {
    throw new RuleError('Choisissez au moins une ligne comptable, un encaissement ou une échéance.')
  }
  const bank: Decimal = sumMoney(operations.map((row) => row.amount))
  const other: Decimal = sumMoney(others.map((row) => row.amount))
  if (!bank.equals(other)) {
    throw new RuleError(
      `Les montants ne s’équilibrent pas : opérations bancaires ${formatMoney(bank)}, en face ${formatMoney(other)} (écart ${formatMoney(bank.minus(other))}).`
    )
  }
  const [match] = await t
    .table('bank_matches')
    .insert({
      organisation_id: tenant.organisationId,
      bank_account_id: account.id,
      origin,
      user_id: tenant.userId,
      note,
    })
    .returning('id')
  const items: Item[] = [
    ...operations.map((row) => ({
      bank_operation_id: Number(row.id),
      amount: row.amount.toFixed(2),
    })),
    ...lines.map((row) => ({ entry_line_id: row.id, amount: row.amount.toFixed(2) })),
    ...receipts.map((row) => ({ grant_receipt_id: Number(row.id), amount: row.amount.toFixed(2) })),
    ...instalments.map((row) => ({
      grant_payment_schedule_id: Number(row.id),
      amount: row.amount.toFixed(2),
    })),
  ]
  await t
    .table('bank_match_items')
    .multiInsert(
      items.map((item) => ({ organisation_id: tenant.organisationId, match_id: match.id, ...item }))
    )
  await recordEvent({
    domain: 'accounting',
    action: 'match',
    subjectType: 'bank_matches',
    subjectId: match.id,
    summary: `Rapprochement bancaire (${account.name}) : ${operations.length} opération(s) pour ${formatMoney(bank)}`,
    after: { origin, ...sides, note },
    trx: t,
  })
  return match.id as number
}
