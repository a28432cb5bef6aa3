import type { Decimal } from 'decimal.js'
import type { ImportContext, ImportDefinition } from '#imports/core/pipeline'
import { optionalColumn, requiredColumn } from '#imports/core/row_reader'
import { budgetableLines, setBudgetAmounts } from '#actions/accounting/budgets'
import { SpreadsheetError } from '#support/spreadsheet/reader'
import { fiscalYearName } from '#support/french_format'

export interface BudgetLineRow {
  code: string
  /** null: the file leaves the amount empty, which removes the line's amount. */
  amount: Decimal | null
}

interface Target {
  id: number
  label: string
  codes: Set<string>
  seen: Map<string, number>
}

const target = (context: ImportContext) => context.data.budget as Target

/**
 * The amounts of one draft budget, by line of its layout (code, optional label, amount). The
 * budget is the import's target (`/imports/comptabilite.budget/nouveau?cible=<budget id>`, the
 * link of the budget page). Only leaf lines take an amount: a total or subtotal code is refused
 * like an unknown one. Lines absent from the file keep their amount; an empty amount removes it.
 */
const budgetLinesImport: ImportDefinition<BudgetLineRow> = {
  kind: 'comptabilite.budget',
  label: 'Import des montants d’un budget',
  domain: 'accounting',
  permission: 'accounting.write',
  redirectTo: (budgetId) =>
    budgetId && /^\d+$/.test(budgetId)
      ? { route: 'accounting.budgets.show', params: { id: budgetId } }
      : { route: 'accounting.budgets.index' },
  maxRows: 2000,
  maxBytes: 2 * 1024 * 1024,
  columns: [
    requiredColumn(
      'code',
      'Code',
      'Code de la ligne du compte de résultat (voir la page du budget) ; les totaux et sous-totaux sont calculés et refusés.',
      'Code ligne',
      'Code de ligne'
    ),
    optionalColumn(
      'label',
      'Libellé',
      'Facultatif, ignoré : pour s’y retrouver dans le fichier.',
      'Intitulé'
    ),
    requiredColumn(
      'amount',
      'Montant',
      'Montant budgété en euros (1 234,56) ; vide : le montant de la ligne est retiré.',
      'Montant (€)',
      'Budget'
    ),
  ],

  async prepare(context, client) {
    const id = context.target && /^\d{1,9}$/.test(context.target) ? Number(context.target) : null
    const budget = id
      ? await client
          .from('budgets as b')
          .join('fiscal_years as f', 'f.id', 'b.fiscal_year_id')
          .where({ 'b.id': id, 'b.organisation_id': context.organisationId })
          .select('b.id', 'b.label', 'b.status', 'b.layout_id', 'f.label as year_label')
          .first()
      : null
    if (!budget)
      throw new SpreadsheetError(
        'budget introuvable : lancez l’import depuis la page du budget à compléter'
      )
    context.targetLabel = `${budget.label} (exercice ${fiscalYearName(budget.year_label)})`
    if (budget.status === 'approved')
      throw new SpreadsheetError(
        'un budget approuvé ne se modifie plus : créez une version révisée'
      )
    const lines = await budgetableLines(client, context.organisationId, budget.layout_id)
    context.data.budget = {
      id: budget.id,
      label: budget.label,
      codes: new Set(lines.map((l) => l.code)),
      seen: new Map(),
    } satisfies Target
  },

  parseRow(reader, context) {
    const budget = target(context)
    const code = reader.text('code', { required: true, maxLength: 50 })
    const amount = reader.amount('amount')
    if (code === null) return null
    if (!budget.codes.has(code))
      return reader.fail('code', `code « ${code} » inconnu ou calculé (total, sous-total)`)
    const first = budget.seen.get(code)
    if (first !== undefined)
      return reader.fail('code', `code « ${code} » en double (déjà en ligne ${first})`)
    budget.seen.set(code, reader.line)
    if (reader.issues.length) return null
    return { code, amount }
  },

  async commit(rows, trx, context) {
    const budget = target(context)
    await setBudgetAmounts(
      trx,
      context.organisationId,
      budget.id,
      null,
      new Map(rows.map((row) => [row.code, row.amount]))
    )
    const set = rows.filter((row) => row.amount !== null).length
    const removed = rows.length - set
    return (
      `${set} montant(s) importé(s) dans « ${budget.label} »` +
      (removed ? `, ${removed} retiré(s)` : '')
    )
  },

  // A budget is not part of the published figures: nothing to reconcile.
  reconcileYears: () => [],
}

export default budgetLinesImport
