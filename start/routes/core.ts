import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { guard, UPLOAD_MAX_BYTES } from '#start/routes/guard'
import { LOGO_MAX_BYTES } from '#actions/core/store_organisation_logo'

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
const PasswordResetsController = () => import('#controllers/core/password_resets_controller')
const UserInvitationsController = () => import('#controllers/core/user_invitations_controller')

router.get('/health', [HealthController, 'show']).as('health')

router
  .group(() => {
    router.get('/login', [SessionController, 'create']).as('login')
    router.post('/login', [SessionController, 'store']).as('login.store')
    router.get('/bienvenue/:token', [WelcomeController, 'show']).as('welcome.show')
    router.post('/bienvenue/:token', [WelcomeController, 'update']).as('welcome.update')
  })
  .use(middleware.guest())

// People (issue #13): forgotten passwords (public, like the welcome links), invitations.
router
  .group(() => {
    router.get('/', [PasswordResetsController, 'create']).as('create')
    router.post('/', [PasswordResetsController, 'store']).as('store')
    router.get('/:token', [PasswordResetsController, 'show']).as('show')
    router.post('/:token', [PasswordResetsController, 'update']).as('update')
  })
  .prefix('/mot-de-passe-oublie')
  .as('password_resets')
  .use(middleware.guest())

router
  .group(() => {
    router.get('/invitations/nouvelle', [UserInvitationsController, 'create']).as('create')
    router.post('/invitations', [UserInvitationsController, 'store']).as('store')
    router.post('/:id/invitation', [UserInvitationsController, 'resend']).as('resend')
  })
  .prefix('/admin/utilisateurs')
  .as('users.invitations')
  .use(guard('admin.users'))

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

// Starting a real organisation (issue #13): the setup form of an empty instance (public, like
// the login page: nobody can log in before an organisation exists; protected by the token
// printed in the server log, and 404 once an organisation exists), then its settings.
const SetupController = () => import('#controllers/core/setup_controller')
const OrganisationSettingsController = () =>
  import('#controllers/core/organisation_settings_controller')
const OrganisationLogoController = () => import('#controllers/core/organisation_logo_controller')

router
  .group(() => {
    router.get('/installation', [SetupController, 'show']).as('setup.show')
    router.post('/installation', [SetupController, 'store']).as('setup.store')
  })
  .use(middleware.guest())

router
  .group(() => {
    router.get('/', [OrganisationSettingsController, 'edit']).as('edit')
    router.put('/', [OrganisationSettingsController, 'update']).as('update')
    router
      .post('/logo', [OrganisationLogoController, 'store'])
      .as('logo.store')
      .use(middleware.upload({ maxBytes: LOGO_MAX_BYTES }))
    router.delete('/logo', [OrganisationLogoController, 'destroy']).as('logo.destroy')
  })
  .prefix('/admin/organisation')
  .as('organisation_settings')
  .use(guard('admin.organisation'))

// The logo on printed pages, for every user of the organisation.
router
  .get('/organisation/logo', [OrganisationLogoController, 'show'])
  .as('organisation.logo')
  .use(guard('dashboard.view'))
