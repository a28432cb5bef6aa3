import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import MemberBody from '#models/governance/member_body'
import Person from '#models/governance/person'
import { personValidator } from '#validators/governance'
import { assertVersion } from '#support/optimistic_lock'
import * as rules from '#controllers/governance/member_rules'

async function form(person: Person | null) {
  const bodies = await MemberBody.query().orderBy('name')
  return {
    person,
    bodyOptions: [
      { value: '', label: '— Aucun —' },
      ...bodies.map((b) => ({ value: b.id, label: b.isActive ? b.name : `${b.name} (inactif)` })),
    ],
    breadcrumbs: [
      { label: 'Gouvernance', href: '/gouvernance' },
      { label: 'Membres', href: '/gouvernance/membres' },
      { label: person ? person.fullName : 'Nouvelle personne' },
    ],
  }
}

/** The natural persons who represent member bodies (and may hold their seats). */
export default class PersonsController {
  async create({ request, view }: HttpContext) {
    const preset = Number(request.input('membre')) || null
    return view.render('pages/governance/person_form', { ...(await form(null)), preset })
  }

  async edit({ params, view }: HttpContext) {
    const person = await Person.findOrFail(params.id)
    return view.render('pages/governance/person_form', { ...(await form(person)), preset: null })
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(personValidator)
    await db.transaction(async (trx) => {
      const body = payload.memberBodyId
        ? await MemberBody.query({ client: trx }).where('id', payload.memberBodyId).firstOrFail()
        : null
      await rules.assertPersonNameFree(payload.fullName, null, trx)
      await Person.create(
        {
          fullName: payload.fullName,
          email: payload.email ?? null,
          memberBodyId: body?.id ?? null,
        },
        { client: trx }
      )
    })
    session.flash('success', `${payload.fullName} enregistré(e).`)
    return response.redirect('/gouvernance/membres')
  }

  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(personValidator)
    await db.transaction(async (trx) => {
      const person = await Person.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      const body = payload.memberBodyId
        ? await MemberBody.query({ client: trx })
            .where('id', payload.memberBodyId)
            .forUpdate()
            .firstOrFail()
        : null
      assertVersion(person, payload.version)
      await rules.assertPersonNameFree(payload.fullName, person.id, trx)
      await rules.assertPersonCanMove(person, body?.id ?? null, trx)
      person.merge({
        fullName: payload.fullName,
        email: payload.email ?? null,
        memberBodyId: body?.id ?? null,
      })
      await person.useTransaction(trx).save()
    })
    session.flash('success', `${payload.fullName} enregistré(e).`)
    return response.redirect('/gouvernance/membres')
  }

  async destroy({ params, response, session }: HttpContext) {
    const name = await db.transaction(async (trx) => {
      const person = await Person.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      await rules.assertPersonCanBeDeleted(person, trx)
      await person.useTransaction(trx).delete()
      return person.fullName
    })
    session.flash('success', `${name} supprimé(e).`)
    return response.redirect('/gouvernance/membres')
  }
}
