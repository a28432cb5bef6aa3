import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import College from '#models/governance/college'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import Seat, { OBTAINED_BY, SEAT_ROLES } from '#models/governance/seat'
import { seatEndValidator, seatValidator } from '#validators/governance'
import { addSeat, endSeat } from '#actions/governance/seats'
import { underRules } from '#models/governance/rule_error'

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))

export default class SeatsController {
  async create({ view }: HttpContext) {
    const colleges = await College.query().orderBy('number')
    return view.render('pages/governance/seat_form', {
      collegeOptions: colleges.map((c) => ({ value: c.id, label: `${c.number}. ${c.name}` })),
      kindOptions: options(MemberBody.KINDS),
      roleOptions: options(SEAT_ROLES),
      obtainedOptions: options(OBTAINED_BY),
      breadcrumbs: [{ label: 'Gouvernance', href: '/gouvernance' }, { label: 'Nouveau siège' }],
    })
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(seatValidator)
    await underRules(() =>
      db.transaction(async (trx) => {
        const body =
          (await MemberBody.query({ client: trx }).where('name', payload.memberBodyName).first()) ??
          (await MemberBody.create(
            { name: payload.memberBodyName, kind: payload.memberKind },
            { client: trx }
          ))
        const person = payload.personName
          ? await Person.create(
              {
                fullName: payload.personName,
                email: payload.personEmail ?? null,
                memberBodyId: body.id,
              },
              { client: trx }
            )
          : null
        await addSeat(
          {
            collegeId: payload.collegeId,
            memberBodyId: body.id,
            personId: person?.id ?? null,
            role: payload.role,
            voteRule: payload.derivedFromEpci
              ? { kind: 'derived', derived: 'sum_of_college_members', of: ['epci'] }
              : null,
            mandateStart: DateTime.fromISO(payload.mandateStart),
            mandateEnd: payload.mandateEnd ? DateTime.fromISO(payload.mandateEnd) : null,
            obtainedBy: payload.obtainedBy,
            reEligible: payload.reEligible ?? false,
          },
          trx
        )
      })
    )
    session.flash('success', 'Siège ajouté ; les voix dérivées ont été recalculées.')
    return response.redirect('/gouvernance')
  }

  async end({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(seatEndValidator)
    const changes = await underRules(() =>
      db.transaction(async (trx) => {
        const seat = await Seat.query({ client: trx })
          .where('id', params.id)
          .forUpdate()
          .firstOrFail()
        return endSeat(seat, DateTime.fromISO(payload.mandateEnd), trx)
      })
    )
    session.flash('success', `Mandat clos ; ${changes.length} poids de vote recalculé(s).`)
    return response.redirect('/gouvernance')
  }
}
