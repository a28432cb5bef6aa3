import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type Decimal } from 'decimal.js'
import { recordEvent } from '#support/audit'
import { LedgerError } from '#actions/accounting/errors'

async function lockBudget(
  trx: TransactionClientContract,
  organisationId: number,
  budgetId: number
) {
  const budget = await trx
    .from('budgets')
    .where({ id: budgetId, organisation_id: organisationId })
    .forUpdate()
    .first()
  if (!budget) throw new LedgerError('Budget introuvable.')
  return budget
}

/** Lines of the budget's layout that take an amount: leaf lines (no formula, not a heading). */
export async function budgetableLines(
  trx: Pick<QueryClientContract, 'from'>,
  organisationId: number,
  layoutId: number
) {
  const rows = await trx
    .from('statement_lines')
    .where({ organisation_id: organisationId, layout_id: layoutId })
    .whereNull('formula')
    .whereNot('kind', 'heading')
    .orderBy('position')
    .select('id', 'code', 'label', 'section', 'level', 'of_which')
  return rows as Array<{
    id: number
    code: string
    label: string
    section: string
    level: number
    of_which: boolean
  }>
}

/**
 * Replaces the amounts of a draft budget (one per layout line; null removes it). `expectedVersion`
 * guards against a concurrent edit of the form (null: no check, for the import pipeline, which
 * locks the budget and re-validates the whole file inside its own transaction).
 */
export async function setBudgetAmounts(
  trx: TransactionClientContract,
  organisationId: number,
  budgetId: number,
  expectedVersion: number | null,
  amounts: Map<string, Decimal | null>
) {
  const budget = await lockBudget(trx, organisationId, budgetId)
  if (expectedVersion !== null && budget.version !== expectedVersion) {
    throw new LedgerError(
      'Ce budget a été modifié par quelqu’un d’autre entre-temps : rechargez la page.'
    )
  }
  if (budget.status === 'approved')
    throw new LedgerError('Un budget approuvé ne se modifie plus : créez une version révisée.')
  const lines = await budgetableLines(trx, organisationId, budget.layout_id)
  const byCode = new Map(lines.map((l) => [l.code, l]))
  for (const code of amounts.keys())
    if (!byCode.has(code)) throw new LedgerError(`Ligne inconnue : ${code}`)
  await trx
    .from('budget_lines')
    .where({ budget_id: budgetId })
    .whereNull('account_id')
    .whereIn(
      'statement_line_id',
      [...amounts.keys()].map((c) => byCode.get(c)!.id)
    )
    .delete()
  const rows = [...amounts.entries()]
    .filter(([, amount]) => amount !== null)
    .map(([code, amount]) => ({
      organisation_id: organisationId,
      budget_id: budgetId,
      statement_line_id: byCode.get(code)!.id,
      amount: amount!.toFixed(2),
    }))
  if (rows.length) await trx.table('budget_lines').multiInsert(rows)
  await trx
    .from('budgets')
    .where('id', budgetId)
    .update({ version: budget.version + 1, updated_at: new Date() })
  await recordEvent({
    domain: 'accounting',
    action: 'update',
    subjectType: 'budgets',
    subjectId: budgetId,
    summary: `${rows.length} montant(s) budgétés enregistrés`,
    organisationId,
    trx,
  })
}

export async function approveBudget(
  trx: TransactionClientContract,
  organisationId: number,
  budgetId: number,
  userId: number | null
) {
  const budget = await lockBudget(trx, organisationId, budgetId)
  if (budget.status === 'approved') throw new LedgerError('Ce budget est déjà approuvé.')
  const [{ n }] = await trx.from('budget_lines').where('budget_id', budgetId).count('* as n')
  if (Number(n) === 0) throw new LedgerError('Un budget vide ne peut pas être approuvé.')
  await trx
    .from('budgets')
    .where('id', budgetId)
    .update({
      status: 'approved',
      approved_by: userId,
      approved_at: new Date(),
      version: budget.version + 1,
      updated_at: new Date(),
    })
  await recordEvent({
    domain: 'accounting',
    action: 'approve',
    subjectType: 'budgets',
    subjectId: budgetId,
    summary: `Budget « ${budget.label} » approuvé`,
    organisationId,
    trx,
  })
}
