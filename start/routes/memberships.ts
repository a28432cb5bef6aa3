import router from '@adonisjs/core/services/router'
import { guard } from '#start/routes/guard'

const ActiveOrganisationController = () =>
  import('#controllers/core/active_organisation_controller')
const MembersController = () => import('#controllers/core/members_controller')

// A person who belongs to several organisations chooses the one they act for (ADR 9).
router
  .post('/organisation-active', [ActiveOrganisationController, 'store'])
  .as('organisation.switch')
  .use(guard('dashboard.view'))

// People of other organisations given roles in this one.
router
  .group(() => {
    router.get('/', [MembersController, 'index']).as('index')
    router.post('/', [MembersController, 'store']).as('store')
    router.delete('/:id', [MembersController, 'destroy']).as('destroy')
  })
  .prefix('/admin/membres')
  .as('members')
  .use(guard('admin.users'))
