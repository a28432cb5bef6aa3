import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { Tenant } from '#support/request_context'
import { personValidator } from '#validators/governance'
import { PersonForm } from '#reports/governance/forms'
import CreatePerson from '#actions/governance/create_person'
import UpdatePerson from '#actions/governance/update_person'
import DeletePerson from '#actions/governance/delete_person'
import { governanceCrumbs } from '#controllers/governance/params'

async function form(tenant: Tenant, id: number | null) {
  const { person, bodies } = await new PersonForm(tenant, { id }).build()
  return {
    person,
    bodyOptions: [
      { value: '', label: '— Aucun —' },
      ...bodies.map((b) => ({ value: b.id, label: b.isActive ? b.name : `${b.name} (inactif)` })),
    ],
    breadcrumbs: governanceCrumbs(
      { label: 'Membres', href: urlFor('governance.members.index') },
      { label: person ? person.fullName : 'Nouvelle personne' }
    ),
  }
}

/** The natural persons who represent member bodies (and may hold their seats). */
export default class PersonsController {
  async create({ request, view, tenant }: HttpContext) {
    const preset = Number(request.input('membre')) || null
    return view.render('pages/governance/person_form', { ...(await form(tenant!, null)), preset })
  }

  async edit({ params, view, tenant }: HttpContext) {
    const page = await form(tenant!, Number(params.id))
    return view.render('pages/governance/person_form', { ...page, preset: null })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(personValidator)
    await CreatePerson.handle(tenant!, payload)
    session.flash('success', `${payload.fullName} enregistré(e).`)
    return response.redirect().toRoute('governance.members.index')
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(personValidator)
    await UpdatePerson.handle(tenant!, { ...payload, id: Number(params.id) })
    session.flash('success', `${payload.fullName} enregistré(e).`)
    return response.redirect().toRoute('governance.members.index')
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    const person = await DeletePerson.handle(tenant!, Number(params.id))
    session.flash('success', `${person.fullName} supprimé(e).`)
    return response.redirect().toRoute('governance.members.index')
  }
}
