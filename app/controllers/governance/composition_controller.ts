import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import CompositionReport from '#reports/governance/composition'
import { compositionWorkbook } from '#exports/governance/composition'
import { compositionFilterValidator } from '#validators/governance'
import { recomputeDerivedWeights } from '#actions/governance/derived_weights'
import { OBTAINED_BY, SEAT_ROLES } from '#models/governance/seat'
import MemberBody from '#models/governance/member_body'
import { sendWorkbook } from '#http/downloads'

async function reportFor(request: HttpContext['request']) {
  const filter = await compositionFilterValidator.validate(request.qs())
  const day = filter.date
    ? DateTime.fromISO(filter.date)
    : DateTime.now().setZone('Europe/Paris').startOf('day')
  return CompositionReport.build(day)
}

export default class CompositionController {
  async index({ request, view }: HttpContext) {
    const report = await reportFor(request)
    return view.render('pages/governance/composition', {
      report,
      obtainedBy: OBTAINED_BY,
      seatRoles: SEAT_ROLES,
      kinds: MemberBody.KINDS,
      breadcrumbs: [{ label: 'Gouvernance' }],
    })
  }

  async print({ request, view }: HttpContext) {
    const report = await reportFor(request)
    return view.render('pages/governance/composition_print', { report, obtainedBy: OBTAINED_BY })
  }

  async export({ request, response }: HttpContext) {
    const report = await reportFor(request)
    return sendWorkbook(
      response,
      `composition-${report.day.toISODate()}.xlsx`,
      await compositionWorkbook(report)
    )
  }

  async recompute({ response, session }: HttpContext) {
    const changes = await db.transaction((trx) =>
      recomputeDerivedWeights(DateTime.now().setZone('Europe/Paris').startOf('day'), trx)
    )
    session.flash(
      'success',
      changes.length
        ? `Voix recalculées : ${changes.map((c) => `${c.seat.memberBody.name} ${c.stored} → ${c.computed}`).join(', ')}.`
        : 'Les voix suivent déjà les règles des statuts.'
    )
    return response.redirect('/gouvernance')
  }
}
