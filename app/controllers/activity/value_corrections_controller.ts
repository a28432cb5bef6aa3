import type { HttpContext } from '@adonisjs/core/http'
import CorrectIndicatorValue from '#actions/activity/correct_indicator_value'
import DeleteIndicatorValue from '#actions/activity/delete_indicator_value'
import { indicatorValueValidator } from '#validators/activity'

/** A stored indicator value corrected or deleted by hand (audited); needs activity.write. */
export default class ValueCorrectionsController {
  async update({ params, request, response, session, tenant }: HttpContext) {
    const { value } = await request.validateUsing(indicatorValueValidator)
    const row = await CorrectIndicatorValue.handle(tenant!, { id: Number(params.id), value })
    session.flash('success', 'Valeur corrigée.')
    return response.redirect().toRoute('activity.values', {}, { qs: { annee: row.year } })
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    const row = await DeleteIndicatorValue.handle(tenant!, { id: Number(params.id) })
    session.flash('success', 'Valeur supprimée.')
    return response.redirect().toRoute('activity.values', {}, { qs: { annee: row.year } })
  }
}
