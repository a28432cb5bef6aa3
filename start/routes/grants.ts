import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { guard, UPLOAD_MAX_BYTES } from '#start/routes/guard'

const Dashboard = () => import('#controllers/grants/dashboard_controller')
const Funders = () => import('#controllers/grants/funders_controller')
const Grants = () => import('#controllers/grants/grants_controller')
const Items = () => import('#controllers/grants/grant_items_controller')
const Payments = () => import('#controllers/grants/payments_controller')
const YearEnd = () => import('#controllers/grants/year_end_controller')
const FunderReports = () => import('#controllers/grants/funder_reports_controller')

router
  .group(() => {
    router.get('/', [Dashboard, 'show']).as('dashboard')
    router.get('/tableau-de-bord.xlsx', [Dashboard, 'export']).as('dashboard.export')
    router.get('/financeurs', [Funders, 'index']).as('funders.index')
    router.get('/financeurs.xlsx', [Funders, 'export']).as('funders.export')
    router.get('/conventions', [Grants, 'index']).as('grants.index')
    router.get('/conventions.xlsx', [Grants, 'export']).as('grants.export')
    router
      .get('/conventions/:id', [Grants, 'show'])
      .as('grants.show')
      .where('id', router.matchers.number())
    router.get('/conventions/:id/export.xlsx', [Grants, 'exportOne']).as('grants.show.export')
    router.get('/conventions/:id/documents/:documentId', [Items, 'download']).as('grants.document')
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
      .post('/conventions/:id/documents', [Items, 'upload'])
      .as('grants.upload')
      .use(middleware.upload({ maxBytes: UPLOAD_MAX_BYTES }))
    router.post('/conventions/:id/imputations', [Items, 'allocate']).as('grants.allocate')
    router.post('/fin-exercice/propositions', [YearEnd, 'propose']).as('year_end.propose')
    router.put('/conventions/:id/bilan', [FunderReports, 'update']).as('grants.report.update')
  })
  .prefix('/financements')
  .as('grants.write')
  .use(guard('grants.write'))
