import { routeTable } from '#start/routes/table'

routeTable(
  {
    controllers: 'reconciliation',
    prefix: '/rapprochements',
    as: 'reconciliation',
  },
  `
  GET   /             index   reconciliation.index   @reconciliation.read
  GET   /export.xlsx  export  reconciliation.export  @reconciliation.read
  POST  /executions   run     reconciliation.run     @reconciliation.run
  `
)
