import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
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
