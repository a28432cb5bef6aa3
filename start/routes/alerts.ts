import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

// A person's alerts (issue #17): each alert carries the roles that see it; marking one as
// read and choosing the digest frequency are the person's own.
routeTable(
  {
    controllers: 'alerts',
    prefix: '/alertes',
    as: 'alerts',
    use: guard('alerts.read'),
  },
  `
  GET   /                index       alerts.index
  GET   /export.xlsx     export      alerts.export
  PUT   /recapitulatif   preference  alert_preferences.update
  POST  /:id/lecture     dismiss     alert_dismissals.store     #id
  `
)
