import { guard, UPLOAD_MAX_BYTES } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

routeTable(
  {
    controllers: 'grants',
    prefix: '/financements',
    as: 'grants',
    use: guard('grants.read'),
  },
  `
  GET  /                                       dashboard             dashboard.show
  GET  /tableau-de-bord.xlsx                   dashboard.export      dashboard.export
  GET  /financeurs                             funders.index         funders.index
  GET  /financeurs.xlsx                        funders.export        funders.export
  GET  /conventions                            grants.index          grants.index
  GET  /conventions.xlsx                       grants.export         grant_exports.index
  GET  /conventions/:id                        grants.show           grants.show            #id
  GET  /conventions/:id/export.xlsx            grants.show.export    grant_exports.show
  GET  /conventions/:id/documents/:documentId  grants.document       grant_documents.show
  GET  /conventions/:id/budget.xlsx            grants.budget.export  grant_budgets.export   #id
  GET  /conventions/:id/budget/impression      grants.budget.print   grant_budgets.print    #id
  GET  /conventions/:id/exercices              grants.years          grant_fiscal_years.show    #id
  GET  /conventions/:id/exercices.xlsx         grants.years.export   grant_fiscal_years.export  #id
  GET  /conventions/:id/bilan                  grants.report         funder_reports.show
  GET  /conventions/:id/bilan.xlsx             grants.report.export  funder_reports.export
  GET  /conventions/:id/bilan/impression       grants.report.print   funder_reports.show
  GET  /versements                             payments.index        payments.index
  GET  /versements.xlsx                        payments.export       payments.export
  GET  /fin-exercice                           year_end.show         year_end.show
  GET  /fin-exercice.xlsx                      year_end.export       year_end.export
  `
)

routeTable(
  {
    controllers: 'grants',
    prefix: '/financements',
    as: 'grants.write',
    use: guard('grants.write'),
    upload: { maxBytes: UPLOAD_MAX_BYTES },
  },
  `
  GET     /financeurs/nouveau           funders.create               funders.create
  POST    /financeurs                   funders.store                funders.store
  GET     /financeurs/:id/modifier      funders.edit                 funders.edit
  PUT     /financeurs/:id               funders.update               funders.update
  GET     /conventions/nouvelle         grants.create                grants.create
  POST    /conventions                  grants.store                 grants.store
  GET     /conventions/:id/modifier     grants.edit                  grants.edit
  PUT     /conventions/:id              grants.update                grants.update
  DELETE  /conventions/:id              grants.destroy               grants.destroy
  POST    /conventions/:id/repartition  grants.split                 grant_items.split
  POST    /conventions/:id/etapes       grants.event                 grant_items.event
  POST    /conventions/:id/avenants     grants.amend                 grant_items.amend
  POST    /conventions/:id/echeancier   grants.schedule              grant_items.schedule
  POST    /conventions/:id/versements   grants.receipt               grant_items.receipt
  POST    /conventions/:id/objectifs    grants.target                grant_items.target
  POST    /conventions/:id/echeances    grants.deadline              grant_items.deadline
  POST    /conventions/:id/documents    grants.upload                grant_documents.store               upload
  POST    /conventions/:id/imputations  grants.allocate              grant_items.allocate
  POST    /conventions/:id/budget       grants.budget.store          grant_budgets.store          #id
  PUT     /budget/:id                   budget.update                grant_budgets.update         #id
  DELETE  /budget/:id                   budget.destroy               grant_budgets.destroy        #id
  POST    /fin-exercice/propositions    year_end.propose             year_end.propose
  PUT     /conventions/:id/bilan        grants.report.update         funder_reports.update
  // Corrections of a convention's records: edited while nothing depends on them, otherwise
  // cancelled with a reason (the cancellation is its own resource).
  GET     /echeancier/:id/modifier      schedule_lines.edit          schedule_lines.edit
  PUT     /echeancier/:id               schedule_lines.update        schedule_lines.update
  POST    /echeancier/:id/annulation    schedule_lines.cancellation  schedule_line_cancellations.store
  GET     /recus/:id/modifier           receipts.edit                receipts.edit
  PUT     /recus/:id                    receipts.update              receipts.update
  POST    /recus/:id/annulation         receipts.cancellation        receipt_cancellations.store
  GET     /objectifs/:id/modifier       targets.edit                 grant_targets.edit
  PUT     /objectifs/:id                targets.update               grant_targets.update
  POST    /objectifs/:id/annulation     targets.cancellation         grant_target_cancellations.store
  GET     /echeances/:id/modifier       deadlines.edit               grant_deadlines.edit
  PUT     /echeances/:id                deadlines.update             grant_deadlines.update
  POST    /echeances/:id/annulation     deadlines.cancellation       grant_deadline_cancellations.store
  GET     /etapes/:id/modifier          steps.edit                   grant_steps.edit
  PUT     /etapes/:id                   steps.update                 grant_steps.update
  POST    /etapes/:id/annulation        steps.cancellation           grant_step_cancellations.store
  `
)
