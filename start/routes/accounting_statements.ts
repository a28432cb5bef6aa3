import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

// Statements, budgets and year-end (the ledger screens live in start/routes/accounting.ts).
router
  .group(() => {
    router
      .get('/etats', ({ response, request }) =>
        response.redirect().withQs(request.qs()).toRoute('accounting.statements.income')
      )
      .as('statements.index')
  })
  .where('id', router.matchers.number())
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.read'))

routeTable(
  {
    controllers: 'accounting',
    numbers: ['id'],
    prefix: '/comptabilite',
    as: 'accounting',
    use: guard('accounting.read'),
  },
  `
  GET  /etats/compte-de-resultat              statements.income          statements.income
  GET  /etats/compte-de-resultat.xlsx         statements.income.export   statements.incomeExport
  GET  /etats/bilan                           statements.balance         statements.balance
  GET  /etats/bilan.xlsx                      statements.balance.export  statements.balanceExport
  GET  /etats/liasse                          statements.print           statements.print
  GET  /etats/:kind/lignes/:code/export.xlsx  statements.line.export     statement_lines.export
  GET  /etats/:kind/lignes/:code              statements.line            statement_lines.show
  GET  /budgets                               budgets.index              budgets.index
  GET  /budgets/:id/export.xlsx               budgets.export             budgets.export
  GET  /budgets/:id                           budgets.show               budgets.show
  GET  /exercices                             year_end.index             year_end.index
  GET  /presentations                         layouts.index              layouts.index
  GET  /presentations/:id                     layouts.show               layouts.show
  `
)

routeTable(
  {
    controllers: 'accounting',
    numbers: ['id'],
    prefix: '/comptabilite',
    as: 'accounting',
    use: guard('accounting.write'),
  },
  `
  POST  /budgets                           budgets.store           budgets.store
  POST  /presentations/:id/lignes/:lineId  layouts.lines.update    layouts.updateLine      #lineId
  POST  /budgets/:id/montants              budgets.update          budgets.update
  POST  /budgets/:id/approbation           budgets.approval.store  budget_approvals.store
  `
)

routeTable(
  {
    controllers: 'accounting',
    numbers: ['id'],
    prefix: '/comptabilite',
    as: 'accounting',
    use: guard('accounting.close'),
  },
  `
  POST  /exercices/:id/cloture                    fiscal_years.closing.store             fiscal_year_closings.store
  POST  /exercices/:id/affectation                fiscal_years.allocation.store          result_allocations.store
  POST  /exercices/:id/affectation/comptabiliser  fiscal_years.allocation.posting.store  result_allocation_postings.store
  `
)

// Reopening a closed year deletes its closing (the closing row keeps the reopening's record).
routeTable(
  {
    controllers: 'accounting',
  },
  `
  DELETE  /comptabilite/exercices/:id/cloture  accounting.fiscal_years.closing.destroy  fiscal_year_closings.destroy  #id @accounting.reopen
  `
)
