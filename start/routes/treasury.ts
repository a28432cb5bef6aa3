import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

routeTable(
  {
    controllers: 'treasury',
    prefix: '/tresorerie',
    as: 'treasury',
    use: guard('treasury.read'),
  },
  `
  GET  /previsionnel                forecast.show    forecast.show
  GET  /previsionnel.xlsx           forecast.export  forecast.export
  GET  /previsionnel/impression     forecast.print   forecast.print
  GET  /operations-prevues          items.index      manual_items.index
  GET  /operations-prevues.xlsx     items.export     manual_items.export
  `
)

routeTable(
  {
    controllers: 'treasury',
    prefix: '/tresorerie',
    as: 'treasury.write',
    use: guard('treasury.write'),
  },
  `
  GET     /operations-prevues/nouvelle      items.create      manual_items.create
  POST    /operations-prevues               items.store       manual_items.store
  GET     /operations-prevues/:id/modifier  items.edit        manual_items.edit     #id
  PUT     /operations-prevues/:id           items.update      manual_items.update   #id
  DELETE  /operations-prevues/:id           items.destroy     manual_items.destroy  #id
  PUT     /seuil                            threshold.update  thresholds.update
  `
)
