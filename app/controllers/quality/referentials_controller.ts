import type { HttpContext } from '@adonisjs/core/http'
import { referentialSettingsValidator } from '#validators/quality'
import UpdateReferential from '#actions/quality/update_referential'
import { calendarDate } from '#support/calendar_date'

export default class ReferentialsController {
  async update({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(referentialSettingsValidator)
    await UpdateReferential.handle(tenant!, {
      ...payload,
      referentialId: Number(params.id),
      deadline: calendarDate(payload.deadline),
      allowsNotApplicable: payload.allowsNotApplicable === '1',
    })
    session.flash('success', 'Paramètres du référentiel enregistrés.')
    return response.redirect().toRoute('quality.criteria.index')
  }
}
