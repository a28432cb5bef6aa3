import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { guard, UPLOAD_MAX_BYTES } from '#start/routes/guard'

const SessionController = () => import('#controllers/core/session_controller')
const HealthController = () => import('#controllers/core/health_controller')
const DashboardController = () => import('#controllers/core/dashboard_controller')
const PasswordController = () => import('#controllers/core/password_controller')
const UsersController = () => import('#controllers/core/users_controller')
const UserDeactivationsController = () => import('#controllers/core/user_deactivations_controller')
const AuditEventsController = () => import('#controllers/core/audit_events_controller')
const ImportsController = () => import('#controllers/core/imports_controller')
const ImportFilesController = () => import('#controllers/core/import_files_controller')
const WelcomeController = () => import('#controllers/core/welcome_controller')

router.get('/health', [HealthController, 'show']).as('health')

router
  .group(() => {
    router.get('/login', [SessionController, 'create']).as('login')
    router.post('/login', [SessionController, 'store']).as('login.store')
    router.get('/bienvenue/:token', [WelcomeController, 'show']).as('welcome.show')
    router.post('/bienvenue/:token', [WelcomeController, 'update']).as('welcome.update')
  })
  .use(middleware.guest())

router.post('/logout', [SessionController, 'destroy']).as('logout').use(middleware.auth())

router.get('/', [DashboardController, 'show']).as('home').use(guard('dashboard.view'))
router
  .get('/compte/mot-de-passe', [PasswordController, 'edit'])
  .as('password.edit')
  .use(guard('dashboard.view'))
router
  .put('/compte/mot-de-passe', [PasswordController, 'update'])
  .as('password.update')
  .use(guard('dashboard.view'))

router
  .group(() => {
    router.get('/', [UsersController, 'index']).as('index')
    router.get('/export.xlsx', [UsersController, 'export']).as('export')
    router.get('/nouveau', [UsersController, 'create']).as('create')
    router.post('/', [UsersController, 'store']).as('store')
    router.get('/:id/modifier', [UsersController, 'edit']).as('edit')
    router.put('/:id', [UsersController, 'update']).as('update')
    router.post('/:id/desactivation', [UserDeactivationsController, 'store']).as('deactivate')
    router.delete('/:id/desactivation', [UserDeactivationsController, 'destroy']).as('reactivate')
  })
  .prefix('/admin/utilisateurs')
  .as('users')
  .use(guard('admin.users'))

router
  .group(() => {
    router.get('/', [AuditEventsController, 'index']).as('index')
    router.get('/export.xlsx', [AuditEventsController, 'export']).as('export')
  })
  .prefix('/admin/journal')
  .as('audit')
  .use(guard('admin.audit'))

router
  .get('/admin/imports', [ImportsController, 'index'])
  .as('imports.index')
  .use(guard('admin.imports'))

// Each import kind checks its own permission (ImportDefinition.permission) in the controller.
router
  .group(() => {
    router.get('/:kind/nouveau', [ImportsController, 'create']).as('create')
    router.get('/:kind/modele.xlsx', [ImportFilesController, 'template']).as('template')
    router
      .post('/:kind', [ImportsController, 'preview'])
      .as('preview')
      .use(
        middleware.upload({
          maxBytes: UPLOAD_MAX_BYTES,
          // The kind's own permission, before the file is read.
          authorize: async (ctx) => {
            const { authorizeImportKind } = await import('#controllers/core/import_kind')
            await authorizeImportKind(ctx)
          },
        })
      )
    router.post('/:kind/:id/validation', [ImportsController, 'commit']).as('commit')
    router.get('/:kind/:id/erreurs.xlsx', [ImportFilesController, 'issues']).as('issues')
  })
  .prefix('/imports')
  .as('imports')
  .use(guard('dashboard.view'))
