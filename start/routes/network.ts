import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

// A regional association's consolidated figures of its members (role 'network', ADR 9).
routeTable(
  {
    controllers: 'network',
    prefix: '/reseau',
    as: 'network',
    use: guard('network.read'),
  },
  `
  GET  /             index   network_figures.show
  GET  /export.xlsx  export  network_figures.export
  `
)

// A member organisation's admin agrees (or not) to share its figures with its networks.
routeTable(
  {
    controllers: 'network',
    prefix: '/admin/reseau',
    as: 'network.sharing',
    use: guard('network.sharing'),
  },
  `
  GET     /            show     network_sharing.show
  POST    /:id/accord  store    network_sharing.store
  DELETE  /:id/accord  destroy  network_sharing.destroy
  `
)
