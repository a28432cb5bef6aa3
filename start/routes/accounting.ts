import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { guard } from '#start/routes/guard'
import { fecMaxBytes } from '#actions/accounting/import_fec'

const Ledger = () => import('#controllers/accounting/ledger_controller')
const Accounts = () => import('#controllers/accounting/accounts_controller')
const Entries = () => import('#controllers/accounting/entries_controller')
const Drafts = () => import('#controllers/accounting/entry_drafts_controller')
const FecImports = () => import('#controllers/accounting/fec_imports_controller')
const FiscalYears = () => import('#controllers/accounting/fiscal_years_controller')
const GeneralLedger = () => import('#controllers/accounting/general_ledger_controller')
const EntryWorkbooks = () => import('#controllers/accounting/entry_workbooks_controller')
const EntryValidations = () => import('#controllers/accounting/entry_validations_controller')
const EntryReversals = () => import('#controllers/accounting/entry_reversals_controller')

const id = router.matchers.number()

// Ledger screens (statements, budgets and year-end: start/routes/accounting_statements.ts).
router
  .group(() => {
    router.get('/', [Ledger, 'home']).as('home')
    router.get('/exercices.xlsx', [Ledger, 'homeExport']).as('fiscal_years.export')
    router.get('/balance', [Ledger, 'balance']).as('balance')
    router.get('/balance.xlsx', [Ledger, 'balanceExport']).as('balance.export')
    router.get('/grand-livre', [GeneralLedger, 'index']).as('general_ledger')
    router.get('/grand-livre.xlsx', [GeneralLedger, 'export']).as('general_ledger.export')
    router.get('/plan-comptable', [Accounts, 'index']).as('accounts.index')
    router.get('/plan-comptable.xlsx', [Accounts, 'export']).as('accounts.export')
    router.get('/ecritures', [Entries, 'index']).as('entries.index')
    router.get('/ecritures.xlsx', [EntryWorkbooks, 'index']).as('entries.export')
    router.get('/ecritures/:id', [Entries, 'show']).as('entries.show')
    router.get('/ecritures/:id/export.xlsx', [EntryWorkbooks, 'show']).as('entries.show.export')
    router.get('/fec/imports/:id', [FecImports, 'show']).as('fec.imports.show')
    router
      .get('/fec/imports/:id/erreurs.xlsx', [FecImports, 'errorsExport'])
      .as('fec.imports.errors')
  })
  .where('id', id)
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.read'))

// The full FEC carries every payroll line with employees' auxiliaries: finance and admin only.
router
  .get('/comptabilite/exercices/:id/fec', [FiscalYears, 'fec'])
  .as('accounting.fec.export')
  .where('id', id)
  .use(guard('accounting.fec'))

router
  .group(() => {
    router.post('/exercices', [FiscalYears, 'store']).as('fiscal_years.store')
    router.post('/plan-comptable', [Accounts, 'store']).as('accounts.store')
    router.get('/ecritures/nouvelle', [Drafts, 'create']).as('entries.create')
    router.post('/ecritures', [Drafts, 'store']).as('entries.store')
    router.get('/ecritures/:id/modifier', [Drafts, 'edit']).as('entries.edit')
    router.post('/ecritures/:id', [Drafts, 'update']).as('entries.update')
    router
      .post('/ecritures/:id/validation', [EntryValidations, 'store'])
      .as('entries.validation.store')
    router.post('/ecritures/:id/extourne', [EntryReversals, 'store']).as('entries.reversal.store')
    router.post('/ecritures/:id/suppression', [Drafts, 'destroy']).as('entries.destroy')
    router.get('/fec/import', [FecImports, 'create']).as('fec.imports.create')
    router
      .post('/fec/import', [FecImports, 'store'])
      .as('fec.imports.store')
      .use(middleware.upload({ maxBytes: fecMaxBytes }))
  })
  .where('id', id)
  .prefix('/comptabilite')
  .as('accounting')
  .use(guard('accounting.write'))
