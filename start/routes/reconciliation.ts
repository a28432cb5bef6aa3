import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const ReconciliationController = () =>
  import('#controllers/reconciliation/reconciliation_controller')

router
  .group(() => {
    router
      .get('/', [ReconciliationController, 'index'])
      .as('index')
      .use(guard('reconciliation.read'))
    router
      .get('/export.xlsx', [ReconciliationController, 'export'])
      .as('export')
      .use(guard('reconciliation.read'))
    router
      .post('/executions', [ReconciliationController, 'run'])
      .as('run')
      .use(guard('reconciliation.run'))
  })
  .prefix('/rapprochements')
  .as('reconciliation')
