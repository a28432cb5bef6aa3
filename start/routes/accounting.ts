import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'
import { fecMaxBytes } from '#imports/accounting/fec/index'

// Ledger screens (statements, budgets and year-end: start/routes/accounting_statements.ts).
routeTable(
  {
    controllers: 'accounting',
    numbers: ['id'],
    prefix: '/comptabilite',
    as: 'accounting',
    use: guard('accounting.read'),
  },
  `
  GET  /                              home                   ledger.home
  GET  /exercices.xlsx                fiscal_years.export    ledger.homeExport
  GET  /balance                       balance                ledger.balance
  GET  /balance.xlsx                  balance.export         ledger.balanceExport
  GET  /grand-livre                   general_ledger         general_ledger.index
  GET  /grand-livre.xlsx              general_ledger.export  general_ledger.export
  GET  /grand-livre/impression        general_ledger.print   general_ledger.print
  GET  /cout-par-dispositif           programme_costs        programme_costs.index
  GET  /cout-par-dispositif.xlsx      programme_costs.export programme_costs.export
  GET  /plan-comptable                accounts.index         accounts.index
  GET  /plan-comptable.xlsx           accounts.export        accounts.export
  GET  /ecritures                     entries.index          entries.index
  GET  /ecritures.xlsx                entries.export         entry_workbooks.index
  GET  /ecritures/:id                 entries.show           entries.show
  GET  /ecritures/:id/export.xlsx     entries.show.export    entry_workbooks.show
  GET  /fec/imports/:id               fec.imports.show       fec_imports.show
  GET  /fec/imports/:id/erreurs.xlsx  fec.imports.errors     fec_imports.errorsExport
  `
)

// The full FEC carries every payroll line with employees' auxiliaries: finance and admin only.
routeTable(
  {
    controllers: 'accounting',
  },
  `
  GET  /comptabilite/exercices/:id/fec  accounting.fec.export  fiscal_years.fec  #id @accounting.fec
  `
)

routeTable(
  {
    controllers: 'accounting',
    numbers: ['id'],
    prefix: '/comptabilite',
    as: 'accounting',
    use: guard('accounting.write'),
    upload: { maxBytes: fecMaxBytes },
  },
  `
  POST  /exercices                  fiscal_years.store        fiscal_years.store
  POST  /plan-comptable             accounts.store            accounts.store
  POST  /cout-par-dispositif/cle    programme_costs.key.store programme_cost_keys.store
  GET   /ecritures/nouvelle         entries.create            entry_drafts.create
  POST  /ecritures                  entries.store             entry_drafts.store
  GET   /ecritures/:id/modifier     entries.edit              entry_drafts.edit
  POST  /ecritures/:id              entries.update            entry_drafts.update
  POST  /ecritures/:id/validation   entries.validation.store  entry_validations.store
  POST  /ecritures/:id/extourne     entries.reversal.store    entry_reversals.store
  POST  /ecritures/:id/suppression  entries.destroy           entry_drafts.destroy
  GET   /fec/import                 fec.imports.create        fec_imports.create
  POST  /fec/import                 fec.imports.store         fec_imports.store        upload
  `
)
