import type { HttpContext } from '@adonisjs/core/http'
import DismissAlert from '#actions/alerts/dismiss_alert'

/** Marking one of one's alerts as read (a record of its own). */
export default class AlertDismissalsController {
  async store({ tenant, params, session, response }: HttpContext) {
    const alert = await DismissAlert.handle(tenant!, { alertId: Number(params.id) })
    session.flash('success', `Alerte « ${alert.title} » marquée comme lue.`)
    return response.redirect().toRoute('alerts.index')
  }
}
