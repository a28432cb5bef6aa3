import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { budgetValidator, budgetAmountsValidator } from '#validators/accounting_statements'
import { approveBudget, budgetableLines, setBudgetAmounts } from '#actions/accounting/budgets'
import { LedgerError } from '#actions/accounting/errors'
import { IncomeStatement } from '#reports/accounting/statements'
import { incomeStatementSheet } from '#exports/accounting/statements'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { parseFrenchAmount } from '#support/money'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'

const crumbs = (label?: string) => [
  { label: 'Comptabilité', href: '/comptabilite' },
  { label: 'Budgets', href: label ? '/comptabilite/budgets' : undefined },
  ...(label ? [{ label }] : []),
]

export default class BudgetsController {
  async index({ view, auth }: HttpContext) {
    const budgets = await db
      .from('budgets as b')
      .join('fiscal_years as f', 'f.id', 'b.fiscal_year_id')
      .join('statement_layouts as l', 'l.id', 'b.layout_id')
      .where('b.organisation_id', auth.user!.organisationId)
      .orderBy('f.start_date', 'desc')
      .orderBy('b.id', 'desc')
      .select('b.*', 'f.label as year_label', 'l.name as layout_name')
    const years = await db
      .from('fiscal_years')
      .where('organisation_id', auth.user!.organisationId)
      .orderBy('start_date', 'desc')
    return view.render('pages/accounting/budgets/index', {
      budgets,
      years: years.map((y: any) => ({ value: y.id, label: y.label })),
      breadcrumbs: crumbs(),
    })
  }

  async store({ request, response, auth, session }: HttpContext) {
    const payload = await request.validateUsing(budgetValidator)
    const organisationId = auth.user!.organisationId
    const id = await db.transaction(async (trx) => {
      await seedStatementLayouts(organisationId, trx)
      const year = await trx
        .from('fiscal_years')
        .where({ id: payload.fiscalYearId, organisation_id: organisationId })
        .first()
      if (!year) throw new LedgerError('Exercice introuvable.')
      const endYear = new Date(year.end_date).getFullYear()
      const layout = await trx
        .from('statement_layouts')
        .where({
          organisation_id: organisationId,
          code: payload.layoutCode,
          kind: 'income_statement',
        })
        .where('valid_from_year', '<=', endYear)
        .orderBy('valid_from_year', 'desc')
        .first()
      if (!layout) throw new LedgerError('Présentation introuvable.')
      const exists = await trx
        .from('budgets')
        .where({
          organisation_id: organisationId,
          fiscal_year_id: year.id,
          layout_id: layout.id,
          version_kind: payload.versionKind,
        })
        .first()
      if (exists) throw new LedgerError('Ce budget existe déjà pour cet exercice et cette version.')
      const [row] = await trx
        .table('budgets')
        .insert({
          organisation_id: organisationId,
          fiscal_year_id: year.id,
          layout_id: layout.id,
          version_kind: payload.versionKind,
          label: payload.label,
        })
        .returning('id')
      return row.id as number
    })
    session.flash('success', 'Budget créé : saisissez ou importez ses montants.')
    return response.redirect(`/comptabilite/budgets/${id}`)
  }

  async show({ params, view, auth }: HttpContext) {
    const { budget, report, lines } = await this.load(auth.user!.organisationId, params.id)
    return view.render('pages/accounting/budgets/show', {
      budget,
      report,
      incomeReport: report,
      lines,
      amounts: new Map(report.rows.map((r) => [r.code, r.budget])),
      breadcrumbs: crumbs(budget.label),
    })
  }

  async export({ params, response, auth }: HttpContext) {
    const { budget, report } = await this.load(auth.user!.organisationId, params.id)
    response.header(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    response.header('Content-Disposition', `attachment; filename="budget-${budget.id}.xlsx"`)
    return response.send(await buildWorkbook([incomeStatementSheet(report)]))
  }

  async update({ params, request, response, auth, session }: HttpContext) {
    const payload = await request.validateUsing(budgetAmountsValidator)
    const amounts = new Map<string, any>()
    for (const [code, text] of Object.entries(payload.montants ?? {})) {
      try {
        amounts.set(code, text ? parseFrenchAmount(text) : null)
      } catch {
        throw new LedgerError(`Montant invalide pour la ligne ${code} : « ${text} ».`)
      }
    }
    await db.transaction((trx) =>
      setBudgetAmounts(trx, auth.user!.organisationId, Number(params.id), payload.version, amounts)
    )
    session.flash('success', 'Montants enregistrés.')
    return response.redirect(`/comptabilite/budgets/${params.id}`)
  }

  async approve({ params, response, auth, session }: HttpContext) {
    await db.transaction((trx) =>
      approveBudget(trx, auth.user!.organisationId, Number(params.id), auth.user!.id)
    )
    session.flash('success', 'Budget approuvé.')
    return response.redirect(`/comptabilite/budgets/${params.id}`)
  }

  private async load(organisationId: number, id: unknown) {
    const budget = await db
      .from('budgets as b')
      .join('fiscal_years as f', 'f.id', 'b.fiscal_year_id')
      .join('statement_layouts as l', 'l.id', 'b.layout_id')
      .where({ 'b.id': Number(id), 'b.organisation_id': organisationId })
      .select(
        'b.*',
        'f.label as year_label',
        'l.code as layout_code',
        db.raw('extract(year from f.end_date)::int as year')
      )
      .firstOrFail()
    const report = await IncomeStatement.build({
      organisationId,
      fiscalYearId: budget.fiscal_year_id,
      layoutCode: budget.layout_code,
      budgetId: budget.id,
    })
    const lines = await budgetableLines(db, organisationId, budget.layout_id)
    return { budget, report, lines }
  }
}
