import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { guard } from '#start/routes/guard'
import { fecMaxBytes } from '#actions/accounting/import_fec'

const Ledger = () => import('#controllers/accounting/ledger_controller')
const Accounts = () => import('#controllers/accounting/accounts_controller')
const Entries = () => import('#controllers/accounting/entries_controller')
const FecImports = () => import('#controllers/accounting/fec_imports_controller')

const id = router.matchers.number()

// Ledger screens (statements, budgets and year-end: start/routes/accounting_statements.ts).
router
  .group(() => {
    router.get('/', [Ledger, 'home']).as('home')
    router.get('/exercices.xlsx', [Ledger, 'homeExport']).as('fiscal_years.export')
    router.get('/balance', [Ledger, 'balance']).as('balance')
    router.get('/balance.xlsx', [Ledger, 'balanceExport']).as('balance.export')
    router.get('/grand-livre', [Ledger, 'generalLedger']).as('general_ledger')
    router.get('/grand-livre.xlsx', [Ledger, 'generalLedgerExport']).as('general_ledger.export')
    router.get('/plan-comptable', [Accounts, 'index']).as('accounts.index')
    router.get('/plan-comptable.xlsx', [Accounts, 'export']).as('accounts.export')
    router.get('/ecritures', [Entries, 'index']).as('entries.index')
    router.get('/ecritures.xlsx', [Entries, 'export']).as('entries.export')
    router.get('/ecritures/:id', [Entries, 'show']).as('entries.show').where('id', id)
    router
      .get('/ecritures/:id/export.xlsx', [Entries, 'showExport'])
      .as('entries.show.export')
      .where('id', id)
    router.get('/fec/imports/:id', [FecImports, 'show']).as('fec.imports.show').where('id', id)
    router
      .get('/fec/imports/:id/erreurs.xlsx', [FecImports, 'errorsExport'])
      .as('fec.imports.errors')
      .where('id', id)
  })
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.read'))

// The full FEC carries every payroll line with employees' auxiliaries: finance and admin only.
router
  .get('/comptabilite/exercices/:id/fec', [Ledger, 'fecExport'])
  .as('accounting.fec.export')
  .where('id', id)
  .use(guard('accounting.fec'))

router
  .group(() => {
    router.post('/exercices', [Ledger, 'storeFiscalYear']).as('fiscal_years.store')
    router.post('/plan-comptable', [Accounts, 'store']).as('accounts.store')
    router.get('/ecritures/nouvelle', [Entries, 'create']).as('entries.create')
    router.post('/ecritures', [Entries, 'store']).as('entries.store')
    router.get('/ecritures/:id/modifier', [Entries, 'edit']).as('entries.edit').where('id', id)
    router.post('/ecritures/:id', [Entries, 'update']).as('entries.update').where('id', id)
    router
      .post('/ecritures/:id/validation', [Entries, 'validate'])
      .as('entries.validate')
      .where('id', id)
    router
      .post('/ecritures/:id/extourne', [Entries, 'reverse'])
      .as('entries.reverse')
      .where('id', id)
    router
      .post('/ecritures/:id/suppression', [Entries, 'destroy'])
      .as('entries.destroy')
      .where('id', id)
    router.get('/fec/import', [FecImports, 'create']).as('fec.imports.create')
    router
      .post('/fec/import', [FecImports, 'store'])
      .as('fec.imports.store')
      .use(middleware.upload({ maxBytes: fecMaxBytes }))
  })
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.write'))
