import type { HttpContext } from '@adonisjs/core/http'
import SetThreshold from '#actions/treasury/set_threshold'
import { thresholdValidator } from '#validators/treasury'

/** The board's treasury threshold, set by finance on the manual items' page. */
export default class ThresholdsController {
  async update({ request, response, session, tenant }: HttpContext) {
    await SetThreshold.handle(tenant!, await request.validateUsing(thresholdValidator))
    session.flash('success', 'Seuil de trésorerie enregistré.')
    return response.redirect().toRoute('treasury.items.index')
  }
}
