import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { seatEndValidator, seatValidator } from '#validators/governance'
import { SeatForm } from '#reports/governance/forms'
import AddSeat from '#actions/governance/add_seat'
import EndSeat from '#actions/governance/end_seat'
import {
  BUREAU_ROLES,
  MEMBER_KINDS,
  OBTAINED_BY,
  SEAT_ROLES,
  optionsOf,
} from '#vocabulary/governance'
import { governanceCrumbs } from '#controllers/governance/params'

export default class SeatsController {
  async create({ view, tenant }: HttpContext) {
    const { colleges, titulars } = await new SeatForm(tenant!, {}).build()
    return view.render('pages/governance/seat_form', {
      collegeOptions: colleges.map((c) => ({ value: c.id, label: `${c.number}. ${c.name}` })),
      titularOptions: titulars.map((s) => ({
        value: s.id,
        label: `${s.college.number}. ${s.memberBody.name}`,
      })),
      bureauOptions: optionsOf(BUREAU_ROLES),
      kindOptions: optionsOf(MEMBER_KINDS),
      roleOptions: optionsOf(SEAT_ROLES),
      obtainedOptions: optionsOf(OBTAINED_BY),
      breadcrumbs: governanceCrumbs({ label: 'Nouveau siège' }),
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(seatValidator)
    await AddSeat.handle(tenant!, {
      ...payload,
      mandateStart: DateTime.fromISO(payload.mandateStart),
      mandateEnd: payload.mandateEnd ? DateTime.fromISO(payload.mandateEnd) : null,
    })
    session.flash('success', 'Siège ajouté ; les voix dérivées ont été recalculées.')
    return response.redirect().toRoute('governance.index')
  }

  async end({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(seatEndValidator)
    const changes = await EndSeat.handle(tenant!, {
      seatId: Number(params.id),
      mandateEnd: DateTime.fromISO(payload.mandateEnd),
    })
    session.flash('success', `Mandat clos ; ${changes.length} poids de vote recalculé(s).`)
    return response.redirect().toRoute('governance.index')
  }
}
