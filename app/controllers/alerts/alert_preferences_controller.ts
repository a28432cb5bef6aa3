import type { HttpContext } from '@adonisjs/core/http'
import SetDigestFrequency from '#actions/alerts/set_digest_frequency'
import { digestPreferenceValidator } from '#validators/alerts'
import { DIGEST_FREQUENCIES } from '#vocabulary/alerts'

/** How often one receives the digest of one's alerts. */
export default class AlertPreferencesController {
  async update({ request, tenant, session, response }: HttpContext) {
    const input = await request.validateUsing(digestPreferenceValidator)
    await SetDigestFrequency.handle(tenant!, input)
    session.flash(
      'success',
      `Récapitulatif des alertes par courriel : ${DIGEST_FREQUENCIES[input.frequency].toLowerCase()}.`
    )
    return response.redirect().toRoute('alerts.index')
  }
}
