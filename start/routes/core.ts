import { middleware } from '#start/kernel'
import { guard, UPLOAD_MAX_BYTES } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'
import { LOGO_MAX_BYTES } from '#actions/core/store_organisation_logo'

routeTable(
  {
    controllers: 'core',
  },
  `
  GET  /health  health  health.show
  `
)

routeTable(
  {
    controllers: 'core',
    use: middleware.guest(),
  },
  `
  GET   /login             login           session.create
  POST  /login             login.store     session.store
  GET   /bienvenue/:token  welcome.show    welcome.show
  POST  /bienvenue/:token  welcome.update  welcome.update
  `
)

// People (issue #13): forgotten passwords (public, like the welcome links), invitations.
routeTable(
  {
    controllers: 'core',
    prefix: '/mot-de-passe-oublie',
    as: 'password_resets',
    use: middleware.guest(),
  },
  `
  GET   /        create  password_resets.create
  POST  /        store   password_resets.store
  GET   /:token  show    password_resets.show
  POST  /:token  update  password_resets.update
  `
)

routeTable(
  {
    controllers: 'core',
    prefix: '/admin/utilisateurs',
    as: 'users.invitations',
    use: guard('admin.users'),
  },
  `
  GET   /invitations/nouvelle  create  user_invitations.create
  POST  /invitations           store   user_invitations.store
  POST  /:id/invitation        resend  user_invitations.resend
  `
)

routeTable(
  {
    controllers: 'core',
    use: middleware.auth(),
  },
  `
  POST  /logout  logout  session.destroy
  `
)

routeTable(
  {
    controllers: 'core',
    use: guard('dashboard.view'),
  },
  `
  GET  /                     home             dashboard.show
  GET  /compte/mot-de-passe  password.edit    password.edit
  PUT  /compte/mot-de-passe  password.update  password.update
  `
)

routeTable(
  {
    controllers: 'core',
    prefix: '/admin/utilisateurs',
    as: 'users',
    use: guard('admin.users'),
  },
  `
  GET     /                   index       users.index
  GET     /export.xlsx        export      users.export
  GET     /nouveau            create      users.create
  POST    /                   store       users.store
  GET     /:id/modifier       edit        users.edit
  PUT     /:id                update      users.update
  POST    /:id/desactivation  deactivate  user_deactivations.store
  DELETE  /:id/desactivation  reactivate  user_deactivations.destroy
  `
)

routeTable(
  {
    controllers: 'core',
    prefix: '/admin/journal',
    as: 'audit',
    use: guard('admin.audit'),
  },
  `
  GET  /             index   audit_events.index
  GET  /export.xlsx  export  audit_events.export
  `
)

routeTable(
  {
    controllers: 'core',
    use: guard('admin.imports'),
  },
  `
  GET  /admin/imports  imports.index  imports.index
  `
)

// Each import kind checks its own permission (ImportDefinition.permission) in the controller.
routeTable(
  {
    controllers: 'core',
    prefix: '/imports',
    as: 'imports',
    use: guard('dashboard.view'),
    upload: {
      maxBytes: UPLOAD_MAX_BYTES,
      // The kind's own permission, before the file is read.
      authorize: async (ctx) => {
        const { authorizeImportKind } = await import('#controllers/core/import_kind')
        await authorizeImportKind(ctx)
      },
    },
  },
  `
  GET   /:kind/nouveau           create    imports.create
  GET   /:kind/modele.xlsx       template  import_files.template
  POST  /:kind                   preview   imports.preview        upload
  POST  /:kind/:id/validation    commit    imports.commit
  GET   /:kind/:id/erreurs.xlsx  issues    import_files.issues
  `
)

// Starting a real organisation (issue #13): the setup form of an empty instance (public, like
// the login page: nobody can log in before an organisation exists; protected by the token
// printed in the server log, and 404 once an organisation exists), then its settings.
routeTable(
  {
    controllers: 'core',
    use: middleware.guest(),
  },
  `
  GET   /installation  setup.show   setup.show
  POST  /installation  setup.store  setup.store
  `
)

routeTable(
  {
    controllers: 'core',
    prefix: '/admin/organisation',
    as: 'organisation_settings',
    use: guard('admin.organisation'),
    upload: { maxBytes: LOGO_MAX_BYTES },
  },
  `
  GET     /      edit          organisation_settings.edit
  PUT     /      update        organisation_settings.update
  POST    /logo  logo.store    organisation_logo.store       upload
  DELETE  /logo  logo.destroy  organisation_logo.destroy
  `
)

// The logo on printed pages, for every user of the organisation.
routeTable(
  {
    controllers: 'core',
    use: guard('dashboard.view'),
  },
  `
  GET  /organisation/logo  organisation.logo  organisation_logo.show
  `
)
