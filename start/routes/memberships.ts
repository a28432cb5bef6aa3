import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

// A person who belongs to several organisations chooses the one they act for (ADR 9).
routeTable(
  {
    controllers: 'core',
  },
  `
  POST  /organisation-active  organisation.switch  active_organisation.store  @dashboard.view
  `
)

// People of other organisations given roles in this one.
routeTable(
  {
    controllers: 'core',
    prefix: '/admin/membres',
    as: 'members',
    use: guard('admin.users'),
  },
  `
  GET     /     index    members.index
  POST    /     store    members.store
  DELETE  /:id  destroy  members.destroy
  `
)
