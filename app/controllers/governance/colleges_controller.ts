import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import College from '#models/governance/college'
import { collegeValidator } from '#validators/governance'
import { assertVersion } from '#support/optimistic_lock'
import { recomputeDerivedWeights } from '#actions/governance/derived_weights'

/** A college's cap and vote rule, as the statutes set them; seats' votes follow. */
export default class CollegesController {
  async edit({ params, view }: HttpContext) {
    const college = await College.findOrFail(params.id)
    return view.render('pages/governance/college_form', {
      college,
      ruleOptions: [
        { value: 'fixed_per_seat', label: 'Voix délibératives, nombre fixe par siège' },
        { value: 'consultative', label: 'Voix consultative' },
      ],
      breadcrumbs: [
        { label: 'Gouvernance', href: '/gouvernance' },
        { label: `Collège ${college.number}` },
      ],
    })
  }

  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(collegeValidator)
    const changes = await db.transaction(async (trx) => {
      const college = await College.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      assertVersion(college, payload.version)
      const consultative = payload.ruleKind === 'consultative'
      college.merge({
        name: payload.name,
        maxSeats: payload.maxSeats,
        voteRule: consultative
          ? { kind: 'consultative' }
          : { kind: 'fixed_per_seat', votes: payload.votesPerSeat ?? 1 },
        deliberative: !consultative,
        ruleText: payload.ruleText ?? null,
      })
      await college.save()
      return recomputeDerivedWeights(DateTime.now().setZone('Europe/Paris').startOf('day'), trx)
    })
    session.flash(
      'success',
      `Collège enregistré ; ${changes.length} siège(s) voient leurs voix recalculées.`
    )
    return response.redirect('/gouvernance')
  }
}
