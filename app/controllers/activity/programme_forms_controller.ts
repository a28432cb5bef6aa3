import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CreateProgramme from '#actions/activity/create_programme'
import UpdateProgramme from '#actions/activity/update_programme'
import { ProgrammeForm } from '#reports/activity/referential_forms'
import { programmeValidator } from '#validators/activity'

const crumbs = (label: string) => [
  { label: 'Activité', href: urlFor('activity.key_figures') },
  { label: 'Dispositifs', href: urlFor('activity.programmes') },
  { label },
]

/** Creation and edition of a programme (dispositif); needs activity.write. */
export default class ProgrammeFormsController {
  async create({ tenant, view }: HttpContext) {
    const form = await new ProgrammeForm(tenant!, { id: null }).build()
    return view.render('pages/activity/forms/programme', {
      ...form,
      breadcrumbs: crumbs('Nouveau dispositif'),
    })
  }

  async edit({ params, tenant, view }: HttpContext) {
    const form = await new ProgrammeForm(tenant!, { id: Number(params.id) }).build()
    return view.render('pages/activity/forms/programme', {
      ...form,
      breadcrumbs: crumbs(form.programme!.name),
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(programmeValidator)
    await CreateProgramme.handle(tenant!, input)
    session.flash('success', `Dispositif « ${input.name} » créé.`)
    return response.redirect().toRoute('activity.programmes')
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(programmeValidator)
    await UpdateProgramme.handle(tenant!, { ...input, id: Number(params.id) })
    session.flash('success', `Dispositif « ${input.name} » mis à jour.`)
    return response.redirect().toRoute('activity.programmes')
  }
}
