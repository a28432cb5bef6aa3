import type { HttpContext } from '@adonisjs/core/http'
import Composition from '#reports/governance/composition'
import { compositionWorkbook } from '#exports/governance/composition'
import RecomputeVotes from '#actions/governance/recompute_votes'
import {
  BUREAU_ROLES,
  OBTAINED_BY,
  SEAT_ROLES,
  VOICE_NATURES,
  optionsOf,
} from '#vocabulary/governance'
import { sendWorkbook } from '#http/downloads'
import { compositionDay } from '#controllers/governance/params'

async function reportFor({ request, tenant }: HttpContext) {
  return new Composition(tenant!, { day: await compositionDay(request) }).build()
}

export default class CompositionController {
  async index(ctx: HttpContext) {
    return ctx.view.render('pages/governance/composition', {
      report: await reportFor(ctx),
      obtainedBy: OBTAINED_BY,
      seatRoles: SEAT_ROLES,
      bureauRoles: BUREAU_ROLES,
      bureauOptions: optionsOf(BUREAU_ROLES),
      natures: VOICE_NATURES,
      breadcrumbs: [{ label: 'Gouvernance' }],
    })
  }

  async print(ctx: HttpContext) {
    const report = await reportFor(ctx)
    return ctx.view.render('pages/governance/composition_print', {
      report,
      obtainedBy: OBTAINED_BY,
      seatRoles: SEAT_ROLES,
      bureauRoles: BUREAU_ROLES,
    })
  }

  async export(ctx: HttpContext) {
    const report = await reportFor(ctx)
    return sendWorkbook(
      ctx.response,
      `composition-${report.day.toISODate()}.xlsx`,
      await compositionWorkbook(report)
    )
  }

  async recompute({ response, session, tenant }: HttpContext) {
    const changes = await RecomputeVotes.handle(tenant!)
    session.flash(
      'success',
      changes.length
        ? `Voix recalculées : ${changes.map((c) => `${c.seat.memberBody.name} ${c.stored} → ${c.computed}`).join(', ')}.`
        : 'Les voix suivent déjà les règles des statuts.'
    )
    return response.redirect().toRoute('governance.index')
  }
}
