import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CreateTerritory from '#actions/activity/create_territory'
import UpdateTerritory from '#actions/activity/update_territory'
import { TerritoryForm } from '#reports/activity/referential_forms'
import { territoryValidator } from '#validators/activity'

const crumbs = (label: string) => [
  { label: 'Activité', href: urlFor('activity.key_figures') },
  { label: 'Territoires', href: urlFor('activity.territories') },
  { label },
]

/** Creation and edition of an antenna or of one of its areas; needs activity.write. */
export default class TerritoryFormsController {
  async create({ tenant, view }: HttpContext) {
    const form = await new TerritoryForm(tenant!, { id: null }).build()
    return view.render('pages/activity/forms/territory', {
      ...form,
      breadcrumbs: crumbs('Nouveau territoire'),
    })
  }

  async edit({ params, tenant, view }: HttpContext) {
    const form = await new TerritoryForm(tenant!, { id: Number(params.id) }).build()
    return view.render('pages/activity/forms/territory', {
      ...form,
      breadcrumbs: crumbs(form.territory!.name),
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(territoryValidator)
    await CreateTerritory.handle(tenant!, input)
    session.flash('success', `Territoire « ${input.name} » créé.`)
    return response.redirect().toRoute('activity.territories')
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(territoryValidator)
    await UpdateTerritory.handle(tenant!, { ...input, id: Number(params.id) })
    session.flash('success', `Territoire « ${input.name} » mis à jour.`)
    return response.redirect().toRoute('activity.territories')
  }
}
