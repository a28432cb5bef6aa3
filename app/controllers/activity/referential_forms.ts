import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CreateProgramme from '#actions/activity/create_programme'
import UpdateProgramme from '#actions/activity/update_programme'
import CreateTerritory from '#actions/activity/create_territory'
import UpdateTerritory from '#actions/activity/update_territory'
import { ProgrammeForm, TerritoryForm } from '#reports/activity/referential_forms'
import { programmeValidator, territoryValidator } from '#validators/activity'
import type { Tenant } from '#support/request_context'

/** A kind of record of the activity referential, as its creation and edition forms see it. */
interface ReferentialKind<Input extends { name: string }, Form extends object> {
  /** The list the forms come from and return to; `pages/activity/forms/<view>` draws them. */
  list: { route: 'activity.programmes' | 'activity.territories'; label: string; view: string }
  /** The record's French noun in the flash messages, and the crumb of the creation form. */
  labels: { noun: string; created: string }
  form: new (tenant: Tenant, params: { id: number | null }) => { build(): Promise<Form> }
  nameOf: (form: Form) => string | undefined
  validate: (ctx: HttpContext) => Promise<Input>
  actions: [
    { handle(tenant: Tenant, input: Input): Promise<unknown> },
    { handle(tenant: Tenant, input: Input & { id: number }): Promise<unknown> },
  ]
}

const kind = <Input extends { name: string }, Form extends object>(
  definition: ReferentialKind<Input, Form>
) => definition

/** Programmes (dispositifs) and territories (antennas and their areas). */
const KINDS = {
  programme: kind({
    list: { route: 'activity.programmes', label: 'Dispositifs', view: 'programme' },
    labels: { noun: 'Dispositif', created: 'Nouveau dispositif' },
    form: ProgrammeForm,
    nameOf: (form) => form.programme?.name,
    validate: ({ request }) => request.validateUsing(programmeValidator),
    actions: [CreateProgramme, UpdateProgramme],
  }),
  territory: kind({
    list: { route: 'activity.territories', label: 'Territoires', view: 'territory' },
    labels: { noun: 'Territoire', created: 'Nouveau territoire' },
    form: TerritoryForm,
    nameOf: (form) => form.territory?.name,
    validate: ({ request }) => request.validateUsing(territoryValidator),
    actions: [CreateTerritory, UpdateTerritory],
  }),
}

/**
 * The creation and edition of a kind of record of the referential (needs activity.write): the
 * form (empty, or of the record), its action, a French confirmation, back to the list.
 */
export function referentialFormsController<Input extends { name: string }, Form extends object>(
  definition: ReferentialKind<Input, Form>
) {
  const { list, labels } = definition
  const [create, update] = definition.actions
  const crumbs = (label: string) => [
    { label: 'Activité', href: urlFor('activity.key_figures') },
    { label: list.label, href: urlFor(list.route) },
    { label },
  ]
  const render = async ({ tenant, view }: HttpContext, id: number | null) => {
    const form = await new definition.form(tenant!, { id }).build()
    const breadcrumbs = crumbs(definition.nameOf(form) ?? labels.created)
    return view.render(`pages/activity/forms/${list.view}`, { ...form, breadcrumbs })
  }
  return class ReferentialFormsController {
    create(ctx: HttpContext) {
      return render(ctx, null)
    }

    edit(ctx: HttpContext) {
      return render(ctx, Number(ctx.params.id))
    }

    async store(ctx: HttpContext) {
      const input = await definition.validate(ctx)
      await create.handle(ctx.tenant!, input)
      ctx.session.flash('success', `${labels.noun} « ${input.name} » créé.`)
      return ctx.response.redirect().toRoute(list.route)
    }

    async update(ctx: HttpContext) {
      const input = await definition.validate(ctx)
      await update.handle(ctx.tenant!, { ...input, id: Number(ctx.params.id) })
      ctx.session.flash('success', `${labels.noun} « ${input.name} » mis à jour.`)
      return ctx.response.redirect().toRoute(list.route)
    }
  }
}

export const ProgrammeForms = referentialFormsController(KINDS.programme)
export const TerritoryForms = referentialFormsController(KINDS.territory)
