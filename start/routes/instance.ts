import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const OrganisationsController = () => import('#controllers/instance/organisations_controller')
const OrganisationDeactivationsController = () =>
  import('#controllers/instance/organisation_deactivations_controller')
const NetworkLinksController = () => import('#controllers/instance/network_links_controller')

// The instance administrator (a flag on the account, no role of an organisation; ADR 9).
router
  .group(() => {
    router.get('/organisations', [OrganisationsController, 'index']).as('organisations.index')
    router.post('/organisations', [OrganisationsController, 'store']).as('organisations.store')
    router
      .post('/organisations/:id/desactivation', [OrganisationDeactivationsController, 'store'])
      .as('organisations.deactivate')
    router
      .delete('/organisations/:id/desactivation', [OrganisationDeactivationsController, 'destroy'])
      .as('organisations.reactivate')
    router.post('/reseaux', [NetworkLinksController, 'store']).as('networks.store')
    router.delete('/reseaux/:id', [NetworkLinksController, 'destroy']).as('networks.destroy')
  })
  .prefix('/instance')
  .as('instance')
  .use(guard('instance.organisations'))
