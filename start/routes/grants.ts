import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { guard, UPLOAD_MAX_BYTES } from '#start/routes/guard'

const Dashboard = () => import('#controllers/grants/dashboard_controller')
const Funders = () => import('#controllers/grants/funders_controller')
const Grants = () => import('#controllers/grants/grants_controller')
const GrantExports = () => import('#controllers/grants/grant_exports_controller')
const Items = () => import('#controllers/grants/grant_items_controller')
const Documents = () => import('#controllers/grants/grant_documents_controller')
const Payments = () => import('#controllers/grants/payments_controller')
const YearEnd = () => import('#controllers/grants/year_end_controller')
const FunderReports = () => import('#controllers/grants/funder_reports_controller')
const ScheduleLines = () => import('#controllers/grants/schedule_lines_controller')
const ScheduleLineCancellations = () =>
  import('#controllers/grants/schedule_line_cancellations_controller')
const Receipts = () => import('#controllers/grants/receipts_controller')
const ReceiptCancellations = () => import('#controllers/grants/receipt_cancellations_controller')
const Targets = () => import('#controllers/grants/grant_targets_controller')
const TargetCancellations = () =>
  import('#controllers/grants/grant_target_cancellations_controller')
const Deadlines = () => import('#controllers/grants/grant_deadlines_controller')
const DeadlineCancellations = () =>
  import('#controllers/grants/grant_deadline_cancellations_controller')
const Steps = () => import('#controllers/grants/grant_steps_controller')
const StepCancellations = () => import('#controllers/grants/grant_step_cancellations_controller')

router
  .group(() => {
    router.get('/', [Dashboard, 'show']).as('dashboard')
    router.get('/tableau-de-bord.xlsx', [Dashboard, 'export']).as('dashboard.export')
    router.get('/financeurs', [Funders, 'index']).as('funders.index')
    router.get('/financeurs.xlsx', [Funders, 'export']).as('funders.export')
    router.get('/conventions', [Grants, 'index']).as('grants.index')
    router.get('/conventions.xlsx', [GrantExports, 'index']).as('grants.export')
    router
      .get('/conventions/:id', [Grants, 'show'])
      .as('grants.show')
      .where('id', router.matchers.number())
    router.get('/conventions/:id/export.xlsx', [GrantExports, 'show']).as('grants.show.export')
    router.get('/conventions/:id/documents/:documentId', [Documents, 'show']).as('grants.document')
    router.get('/conventions/:id/bilan', [FunderReports, 'show']).as('grants.report')
    router.get('/conventions/:id/bilan.xlsx', [FunderReports, 'export']).as('grants.report.export')
    router
      .get('/conventions/:id/bilan/impression', [FunderReports, 'show'])
      .as('grants.report.print')
    router.get('/versements', [Payments, 'index']).as('payments.index')
    router.get('/versements.xlsx', [Payments, 'export']).as('payments.export')
    router.get('/fin-exercice', [YearEnd, 'show']).as('year_end.show')
    router.get('/fin-exercice.xlsx', [YearEnd, 'export']).as('year_end.export')
  })
  .prefix('/financements')
  .as('grants')
  .use(guard('grants.read'))

router
  .group(() => {
    router.get('/financeurs/nouveau', [Funders, 'create']).as('funders.create')
    router.post('/financeurs', [Funders, 'store']).as('funders.store')
    router.get('/financeurs/:id/modifier', [Funders, 'edit']).as('funders.edit')
    router.put('/financeurs/:id', [Funders, 'update']).as('funders.update')
    router.get('/conventions/nouvelle', [Grants, 'create']).as('grants.create')
    router.post('/conventions', [Grants, 'store']).as('grants.store')
    router.get('/conventions/:id/modifier', [Grants, 'edit']).as('grants.edit')
    router.put('/conventions/:id', [Grants, 'update']).as('grants.update')
    router.delete('/conventions/:id', [Grants, 'destroy']).as('grants.destroy')
    router.post('/conventions/:id/repartition', [Items, 'split']).as('grants.split')
    router.post('/conventions/:id/etapes', [Items, 'event']).as('grants.event')
    router.post('/conventions/:id/avenants', [Items, 'amend']).as('grants.amend')
    router.post('/conventions/:id/echeancier', [Items, 'schedule']).as('grants.schedule')
    router.post('/conventions/:id/versements', [Items, 'receipt']).as('grants.receipt')
    router.post('/conventions/:id/objectifs', [Items, 'target']).as('grants.target')
    router.post('/conventions/:id/echeances', [Items, 'deadline']).as('grants.deadline')
    router
      .post('/conventions/:id/documents', [Documents, 'store'])
      .as('grants.upload')
      .use(middleware.upload({ maxBytes: UPLOAD_MAX_BYTES }))
    router.post('/conventions/:id/imputations', [Items, 'allocate']).as('grants.allocate')
    router.post('/fin-exercice/propositions', [YearEnd, 'propose']).as('year_end.propose')
    router.put('/conventions/:id/bilan', [FunderReports, 'update']).as('grants.report.update')
    // Corrections of a convention's records: edited while nothing depends on them, otherwise
    // cancelled with a reason (the cancellation is its own resource).
    router.get('/echeancier/:id/modifier', [ScheduleLines, 'edit']).as('schedule_lines.edit')
    router.put('/echeancier/:id', [ScheduleLines, 'update']).as('schedule_lines.update')
    router
      .post('/echeancier/:id/annulation', [ScheduleLineCancellations, 'store'])
      .as('schedule_lines.cancellation')
    router.get('/recus/:id/modifier', [Receipts, 'edit']).as('receipts.edit')
    router.put('/recus/:id', [Receipts, 'update']).as('receipts.update')
    router
      .post('/recus/:id/annulation', [ReceiptCancellations, 'store'])
      .as('receipts.cancellation')
    router.get('/objectifs/:id/modifier', [Targets, 'edit']).as('targets.edit')
    router.put('/objectifs/:id', [Targets, 'update']).as('targets.update')
    router
      .post('/objectifs/:id/annulation', [TargetCancellations, 'store'])
      .as('targets.cancellation')
    router.get('/echeances/:id/modifier', [Deadlines, 'edit']).as('deadlines.edit')
    router.put('/echeances/:id', [Deadlines, 'update']).as('deadlines.update')
    router
      .post('/echeances/:id/annulation', [DeadlineCancellations, 'store'])
      .as('deadlines.cancellation')
    router.get('/etapes/:id/modifier', [Steps, 'edit']).as('steps.edit')
    router.put('/etapes/:id', [Steps, 'update']).as('steps.update')
    router.post('/etapes/:id/annulation', [StepCancellations, 'store']).as('steps.cancellation')
  })
  .prefix('/financements')
  .as('grants.write')
  .use(guard('grants.write'))
