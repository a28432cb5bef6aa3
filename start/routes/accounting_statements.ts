import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const Statements = () => import('#controllers/accounting/statements_controller')
const Budgets = () => import('#controllers/accounting/budgets_controller')
const YearEnd = () => import('#controllers/accounting/year_end_controller')
const Layouts = () => import('#controllers/accounting/layouts_controller')

// Statements, budgets and year-end (the ledger screens live in start/routes/accounting.ts).
router
  .group(() => {
    router
      .get('/etats', ({ response, request }) =>
        response.redirect(
          `/comptabilite/etats/compte-de-resultat?${new URLSearchParams(request.qs()).toString()}`
        )
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
      .get('/etats/:kind/lignes/:code/export.xlsx', [Statements, 'lineExport'])
      .as('statements.line.export')
    router.get('/etats/:kind/lignes/:code', [Statements, 'line']).as('statements.line')
    router.get('/budgets', [Budgets, 'index']).as('budgets.index')
    router
      .get('/budgets/:id/export.xlsx', [Budgets, 'export'])
      .as('budgets.export')
      .where('id', router.matchers.number())
    router
      .get('/budgets/:id', [Budgets, 'show'])
      .as('budgets.show')
      .where('id', router.matchers.number())
    router.get('/exercices', [YearEnd, 'index']).as('year_end.index')
    router.get('/presentations', [Layouts, 'index']).as('layouts.index')
    router
      .get('/presentations/:id', [Layouts, 'show'])
      .as('layouts.show')
      .where('id', router.matchers.number())
  })
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.read'))

router
  .group(() => {
    router.post('/budgets', [Budgets, 'store']).as('budgets.store')
    router
      .post('/presentations/:id/lignes/:lineId', [Layouts, 'updateLine'])
      .as('layouts.lines.update')
      .where('id', router.matchers.number())
      .where('lineId', router.matchers.number())
    router
      .post('/budgets/:id/montants', [Budgets, 'update'])
      .as('budgets.update')
      .where('id', router.matchers.number())
    router
      .post('/budgets/:id/approbation', [Budgets, 'approve'])
      .as('budgets.approve')
      .where('id', router.matchers.number())
  })
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.write'))

router
  .group(() => {
    router
      .post('/exercices/:id/cloture', [YearEnd, 'close'])
      .as('year_end.close')
      .where('id', router.matchers.number())
    router
      .post('/exercices/:id/affectation', [YearEnd, 'saveAllocation'])
      .as('year_end.allocation')
      .where('id', router.matchers.number())
    router
      .post('/exercices/:id/affectation/comptabiliser', [YearEnd, 'postAllocation'])
      .as('year_end.allocation.post')
      .where('id', router.matchers.number())
  })
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.close'))

router
  .post('/comptabilite/exercices/:id/reouverture', [YearEnd, 'reopen'])
  .as('accounting.year_end.reopen')
  .where('id', router.matchers.number())
  .use(guard('accounting.reopen'))
