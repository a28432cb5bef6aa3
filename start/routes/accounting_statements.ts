import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const Statements = () => import('#controllers/accounting/statements_controller')
const Budgets = () => import('#controllers/accounting/budgets_controller')
const YearEnd = () => import('#controllers/accounting/year_end_controller')
const Layouts = () => import('#controllers/accounting/layouts_controller')
const StatementLines = () => import('#controllers/accounting/statement_lines_controller')
const BudgetApprovals = () => import('#controllers/accounting/budget_approvals_controller')
const Closings = () => import('#controllers/accounting/fiscal_year_closings_controller')
const Allocations = () => import('#controllers/accounting/result_allocations_controller')
const AllocationPostings = () =>
  import('#controllers/accounting/result_allocation_postings_controller')

// Statements, budgets and year-end (the ledger screens live in start/routes/accounting.ts).
router
  .group(() => {
    router
      .get('/etats', ({ response, request }) =>
        response.redirect().withQs(request.qs()).toRoute('accounting.statements.income')
      )
      .as('statements.index')
    router.get('/etats/compte-de-resultat', [Statements, 'income']).as('statements.income')
    router
      .get('/etats/compte-de-resultat.xlsx', [Statements, 'incomeExport'])
      .as('statements.income.export')
    router.get('/etats/bilan', [Statements, 'balance']).as('statements.balance')
    router.get('/etats/bilan.xlsx', [Statements, 'balanceExport']).as('statements.balance.export')
    router.get('/etats/liasse', [Statements, 'print']).as('statements.print')
    router
      .get('/etats/:kind/lignes/:code/export.xlsx', [StatementLines, 'export'])
      .as('statements.line.export')
    router.get('/etats/:kind/lignes/:code', [StatementLines, 'show']).as('statements.line')
    router.get('/budgets', [Budgets, 'index']).as('budgets.index')
    router.get('/budgets/:id/export.xlsx', [Budgets, 'export']).as('budgets.export')
    router.get('/budgets/:id', [Budgets, 'show']).as('budgets.show')
    router.get('/exercices', [YearEnd, 'index']).as('year_end.index')
    router.get('/presentations', [Layouts, 'index']).as('layouts.index')
    router.get('/presentations/:id', [Layouts, 'show']).as('layouts.show')
  })
  .where('id', router.matchers.number())
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.read'))

router
  .group(() => {
    router.post('/budgets', [Budgets, 'store']).as('budgets.store')
    router
      .post('/presentations/:id/lignes/:lineId', [Layouts, 'updateLine'])
      .as('layouts.lines.update')
      .where('lineId', router.matchers.number())
    router.post('/budgets/:id/montants', [Budgets, 'update']).as('budgets.update')
    router.post('/budgets/:id/approbation', [BudgetApprovals, 'store']).as('budgets.approval.store')
  })
  .where('id', router.matchers.number())
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.write'))

router
  .group(() => {
    router.post('/exercices/:id/cloture', [Closings, 'store']).as('fiscal_years.closing.store')
    router
      .post('/exercices/:id/affectation', [Allocations, 'store'])
      .as('fiscal_years.allocation.store')
    router
      .post('/exercices/:id/affectation/comptabiliser', [AllocationPostings, 'store'])
      .as('fiscal_years.allocation.posting.store')
  })
  .where('id', router.matchers.number())
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.close'))

// Reopening a closed year deletes its closing (the closing row keeps the reopening's record).
router
  .delete('/comptabilite/exercices/:id/cloture', [Closings, 'destroy'])
  .as('accounting.fiscal_years.closing.destroy')
  .where('id', router.matchers.number())
  .use(guard('accounting.reopen'))
