import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

// The instance administrator (a flag on the account, no role of an organisation; ADR 9).
routeTable(
  {
    controllers: 'instance',
    prefix: '/instance',
    as: 'instance',
    use: guard('instance.organisations'),
  },
  `
  GET     /organisations                    organisations.index       organisations.index
  POST    /organisations                    organisations.store       organisations.store
  POST    /organisations/:id/desactivation  organisations.deactivate  organisation_deactivations.store
  DELETE  /organisations/:id/desactivation  organisations.reactivate  organisation_deactivations.destroy
  POST    /reseaux                          networks.store            network_links.store
  DELETE  /reseaux/:id                      networks.destroy          network_links.destroy
  `
)
