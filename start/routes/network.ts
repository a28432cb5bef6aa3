import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const NetworkFiguresController = () => import('#controllers/network/network_figures_controller')
const NetworkSharingController = () => import('#controllers/network/network_sharing_controller')

// A regional association's consolidated figures of its members (role 'network', ADR 9).
router
  .group(() => {
    router.get('/', [NetworkFiguresController, 'show']).as('index')
    router.get('/export.xlsx', [NetworkFiguresController, 'export']).as('export')
  })
  .prefix('/reseau')
  .as('network')
  .use(guard('network.read'))

// A member organisation's admin agrees (or not) to share its figures with its networks.
router
  .group(() => {
    router.get('/', [NetworkSharingController, 'show']).as('show')
    router.post('/:id/accord', [NetworkSharingController, 'store']).as('store')
    router.delete('/:id/accord', [NetworkSharingController, 'destroy']).as('destroy')
  })
  .prefix('/admin/reseau')
  .as('network.sharing')
  .use(guard('network.sharing'))
