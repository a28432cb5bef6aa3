import type { HttpContext } from '@adonisjs/core/http'
import { referentialSettingsValidator } from '#validators/quality'
import { updateReferential } from '#actions/quality/update_referential'
import { calendarDate } from '#support/calendar_date'

export default class ReferentialsController {
  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(referentialSettingsValidator)
    await updateReferential(Number(params.id), {
      ...payload,
      deadline: calendarDate(payload.deadline),
      allowsNotApplicable: payload.allowsNotApplicable === '1',
    })
    session.flash('success', 'Paramètres du référentiel enregistrés.')
    return response.redirect('/qualite/criteres')
  }
}
