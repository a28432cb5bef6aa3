import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

/** Aggregates only: no name, no individual salary (board and direction may read them). */
routeTable(
  {
    controllers: 'hr',
    prefix: '/rh',
    as: 'hr',
    use: guard('hr.aggregates'),
  },
  `
  GET  /                         home                   reports.home
  GET  /bilan-social             bilan_social           reports.bilanSocial
  GET  /bilan-social.xlsx        bilan_social.export    reports.bilanSocialExport
  GET  /bilan-social/impression  bilan_social.print     reports.bilanSocial
  GET  /egalite                  equality               equality.show
  GET  /egalite.xlsx             equality.export        equality.export
  GET  /formation                training               reports.training
  GET  /formation.xlsx           training.export        reports.trainingExport
  GET  /emplois-reperes          job_references         job_references.index
  GET  /formation/actions        training_plan          training_plan.index
  GET  /formation/actions.xlsx   training_plan.export   training_plan.export
  GET  /emplois-reperes.xlsx     job_references.export  job_references.export
  `
)

/** Personal data and salaries: hr and admin only. */
routeTable(
  {
    controllers: 'hr',
    numbers: ['id'],
    prefix: '/rh',
    as: 'hr.personal',
    use: guard('hr.personal'),
  },
  `
  GET  /salaries                   employees         employees.index
  GET  /salaries.xlsx              employees.export  employees.export
  GET  /salaries/:id               employees.show    employees.show
  GET  /salaries/:id/donnees.xlsx  employees.gdpr    employees.gdprExport
  GET  /registre                   register          register.show
  GET  /registre.xlsx              register.export   register.export
  GET  /temps                      time              time.show
  GET  /temps.xlsx                 time.export       time.export
  `
)

routeTable(
  {
    controllers: 'hr',
    numbers: ['id'],
    prefix: '/rh',
    as: 'hr.write',
    use: guard('hr.write'),
  },
  `
  POST  /salaries                                  employees.store                      employees.store
  PUT   /salaries/:id/identite                     employees.identity                   employee_identities.update
  POST  /salaries/:id/contrats                     contracts.store                      contracts.store
  POST  /contrats/:id/fin                          contracts.end                        contracts.end
  POST  /salaries/:id/salaires                     salaries.store                       contracts.salary
  POST  /salaries/:id/temps                        allocations.store                    contracts.allocate
  POST  /contrats/:id/correction                   contracts.correct                    contracts.correct
  POST  /registre/anonymisation                    register.anonymise                   register.anonymise
  POST  /temps/parametres                          time.settings                        time.updateSettings
  POST  /salaries/:id/conges                       leaves.store                         contracts.leave
  POST  /salaries/:id/elements-paie                pay_components.store                 pay_components.store
  POST  /elements-paie/:id/annulation              pay_components.cancel                pay_components.cancel
  POST  /emplois-reperes                           job_references.store                 job_references.store
  POST  /formation/actions                         training.actions.store               training_plan.storeAction
  POST  /formation/sessions                        training.sessions.store              training_plan.storeSession
  POST  /formation/couts                           training.costs.store                 training_plan.storeCost
  POST  /formation/financements                    training.financing.store             training_plan.storeFinancing
  POST  /formation/financements/:id/remboursement  training.financing.refund            training_refunds.store
  // Corrections of the training records; the cancellation (with a reason) is its own resource.
  PUT   /formation/actions/:id                     training.actions.update              training_corrections.action
  POST  /formation/actions/:id/annulation          training.actions.cancellation        training_cancellations.action
  PUT   /formation/sessions/:id                    training.sessions.update             training_corrections.session
  POST  /formation/sessions/:id/annulation         training.sessions.cancellation       training_cancellations.session
  PUT   /formation/participations/:id              training.participation.update        training_corrections.participation
  POST  /formation/participations/:id/annulation   training.participation.cancellation  training_cancellations.participation
  PUT   /formation/financements/:id                training.financing.update            training_corrections.financing
  POST  /formation/financements/:id/annulation     training.financing.cancellation      training_cancellations.financing
  POST  /salaries/:id/formations                   training.participation.store         training_plan.storeParticipation
  `
)

/** The monthly DSN (issue #19): declarations and imports, personal data (NIR, pay). */
routeTable(
  {
    controllers: 'hr',
    numbers: ['id'],
    prefix: '/rh',
    as: 'hr.personal',
    use: guard('hr.personal'),
  },
  `
  GET  /dsn                dsn         dsn.index
  GET  /dsn.xlsx           dsn.export  dsn.export
  GET  /dsn/imports/:id    dsn.show    dsn.show
  `
)

routeTable(
  {
    controllers: 'hr',
    numbers: ['id'],
    prefix: '/rh',
    as: 'hr.write',
    use: guard('hr.write'),
    upload: { maxBytes: 20 * 1024 * 1024 },
  },
  `
  POST  /dsn                          dsn.store   dsn_imports.store  upload
  POST  /dsn/imports/:id/validation   dsn.commit  dsn_commits.store
  `
)
