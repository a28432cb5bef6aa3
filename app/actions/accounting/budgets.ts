import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type Decimal } from 'decimal.js'
import { recordEvent } from '#support/audit'
import { LedgerError } from '#actions/accounting/errors'
import { parseFrenchAmount } from '#support/money'
import {
  inspectUpload,
  readRows,
  readText,
  readAmount,
  SpreadsheetError,
} from '#support/spreadsheet/reader'

export interface BudgetLineError {
  line: number
  column: string
  reason: string
}

export class BudgetImportError extends Error {
  constructor(readonly errors: BudgetLineError[]) {
    super(
      `Import refusé : ${errors.length} erreur(s). ${errors
        .slice(0, 5)
        .map((e) => `Ligne ${e.line}, colonne ${e.column} : ${e.reason}`)
        .join(' ; ')}`
    )
  }
}

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
  trx: TransactionClientContract,
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
 * guards against a concurrent edit.
 */
export async function setBudgetAmounts(
  trx: TransactionClientContract,
  organisationId: number,
  budgetId: number,
  expectedVersion: number,
  amounts: Map<string, Decimal | null>
) {
  const budget = await lockBudget(trx, organisationId, budgetId)
  if (budget.version !== expectedVersion) {
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

export const BUDGET_IMPORT_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 2000 }

/**
 * Reads an Excel (or CSV) file of budget amounts: a header row, then one row per layout line
 * with its code (column A) and amount (column C; column B, the label, is ignored). Every row is
 * checked; any error refuses the whole file and nothing is written.
 */
export async function readBudgetFile(path: string, codes: Set<string>) {
  const amounts = new Map<string, Decimal | null>()
  const errors: BudgetLineError[] = []
  try {
    const { kind } = await inspectUpload(path, { maxBytes: BUDGET_IMPORT_LIMITS.maxBytes })
    let header = true
    for await (const row of readRows(path, {
      kind,
      maxRows: BUDGET_IMPORT_LIMITS.maxRows,
      maxColumns: 10,
    })) {
      if (header) {
        header = false
        const first = (readText(row, 0) ?? '').toLowerCase()
        if (!first.startsWith('code'))
          errors.push({
            line: row.line,
            column: 'A',
            reason: 'en-tête attendu : « Code », « Libellé », « Montant »',
          })
        continue
      }
      try {
        const code = readText(row, 0)
        if (!code) {
          errors.push({ line: row.line, column: 'A', reason: 'code de ligne manquant' })
          continue
        }
        if (!codes.has(code)) {
          errors.push({
            line: row.line,
            column: 'A',
            reason: `code « ${code} » inconnu ou calculé (total, sous-total)`,
          })
          continue
        }
        if (amounts.has(code)) {
          errors.push({ line: row.line, column: 'A', reason: `code « ${code} » en double` })
          continue
        }
        const cell = row.cells[2]
        const amount =
          cell && cell.kind === 'text' ? parseFrenchAmount(cell.value) : readAmount(row, 2)
        amounts.set(code, amount)
      } catch (error) {
        if (error instanceof SpreadsheetError) {
          errors.push({
            line: error.line ?? row.line,
            column: error.column ? String.fromCharCode(64 + error.column) : 'C',
            reason: error.reason,
          })
        } else {
          errors.push({
            line: row.line,
            column: 'C',
            reason: `montant invalide : ${(error as Error).message}`,
          })
        }
      }
    }
    if (header) errors.push({ line: 1, column: 'A', reason: 'fichier vide' })
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error
    errors.push({
      line: error.line ?? 0,
      column: error.column ? String.fromCharCode(64 + error.column) : '—',
      reason: error.reason,
    })
  }
  if (errors.length) throw new BudgetImportError(errors)
  return amounts
}
