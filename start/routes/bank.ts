import { guard, UPLOAD_MAX_BYTES } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

// Bank statements and bank matching (issue #18): read by finance, direction and the board,
// changed by finance and the administrator.
routeTable(
  {
    controllers: 'bank',
    prefix: '/banque',
    as: 'bank',
    use: guard('bank.read'),
  },
  `
  GET  /                                      accounts.index         bank_accounts.index
  GET  /comptes.xlsx                          accounts.export        bank_accounts.export
  GET  /comptes/:id                           accounts.show          bank_accounts.show       #id
  GET  /comptes/:id/operations.xlsx           operations.export      bank_operations.export   #id
  GET  /comptes/:id/rapprochement             matching.show          bank_matching.show       #id
  GET  /comptes/:id/rapprochement.xlsx        matching.export        bank_matching.export     #id
  GET  /comptes/:id/etat                      statement.show         reconciliation_statements.show    #id
  GET  /comptes/:id/etat.xlsx                 statement.export       reconciliation_statements.export  #id
  GET  /comptes/:id/etat/impression           statement.print        reconciliation_statements.print   #id
  `
)

routeTable(
  {
    controllers: 'bank',
    prefix: '/banque',
    as: 'bank.write',
    use: guard('bank.write'),
    upload: { maxBytes: UPLOAD_MAX_BYTES },
  },
  `
  GET   /comptes/nouveau                      accounts.create         bank_accounts.create
  POST  /comptes                              accounts.store          bank_accounts.store
  PUT   /comptes/:id/colonnes-csv             mapping.update          bank_csv_mappings.update      #id
  POST  /comptes/:id/releves                  statements.store        bank_statements.store         #id  upload
  POST  /comptes/:id/rapprochements           matches.store           bank_matches.store            #id
  POST  /comptes/:id/propositions             proposals.store         bank_proposals.store          #id
  POST  /comptes/:id/propositions/toutes      proposals.all           bank_proposals.all            #id
  POST  /rapprochements/:id/annulation        matches.unmatch         bank_unmatchings.store        #id
  `
)
