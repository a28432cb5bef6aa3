import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { grantValidator } from '#validators/grants'
import { GrantList, grantListFilters, grantListState } from '#reports/grants/grant_list'
import { GrantDetail } from '#reports/grants/grant_detail'
import { GrantForm } from '#reports/grants/grant_form'
import CreateGrant from '#actions/grants/create_grant'
import UpdateGrant from '#actions/grants/update_grant'
import DeleteGrant from '#actions/grants/delete_grant'
import { dayOf } from '#controllers/grants/day_param'
import { GRANT_PAGE_VOCABULARY, GRANT_STATUSES, optionsOf } from '#vocabulary/grants'

const crumbs = (label?: string) => [
  { label: 'Financements', href: urlFor('grants.dashboard') },
  { label: 'Conventions', href: urlFor('grants.grants.index') },
  ...(label ? [{ label }] : []),
]

/** The convention's form: empty, or the convention's to edit. */
async function formPage({ tenant, view }: HttpContext, grantId?: number) {
  const form = await new GrantForm(tenant!, { grantId }).build()
  const breadcrumbs = crumbs(form.grant?.reference ?? 'Nouvelle convention')
  return view.render('pages/grants/grants/form', { ...form, breadcrumbs })
}

/** The conventions: list, page and form (their workbooks: GrantExportsController). */
export default class GrantsController {
  async index({ view, request, tenant }: HttpContext) {
    const table = grantListState(request.qs())
    const filters = grantListFilters(request.qs())
    const list = await new GrantList(tenant!, { filters, table, paginate: true }).build()
    return view.render('pages/grants/grants/index', {
      ...list,
      statusOptions: [{ value: '', label: 'Tous' }, ...optionsOf(GRANT_STATUSES)],
      breadcrumbs: crumbs(),
    })
  }

  async show({ params, view, tenant, request }: HttpContext) {
    // Its reporting deadlines overdue and due within 90 days, at ?date= (today by default).
    const today = dayOf(request.input('date'))
    const q = String(request.input('q') ?? '').trim()
    const detail = await new GrantDetail(tenant!, { grantId: Number(params.id), today, q }).build()
    return view.render('pages/grants/grants/show', {
      ...detail,
      ...GRANT_PAGE_VOCABULARY,
      breadcrumbs: crumbs(detail.grant.reference),
    })
  }

  create(ctx: HttpContext) {
    return formPage(ctx)
  }

  edit(ctx: HttpContext) {
    return formPage(ctx, Number(ctx.params.id))
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const grant = await CreateGrant.handle(tenant!, await request.validateUsing(grantValidator))
    session.flash('success', 'Convention créée.')
    return response.redirect().toRoute('grants.grants.show', { id: grant.id })
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const input = await request.validateUsing(grantValidator)
    await UpdateGrant.handle(tenant!, { ...input, id: Number(params.id) })
    session.flash('success', 'Convention mise à jour.')
    return response.redirect().toRoute('grants.grants.show', { id: params.id })
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    await DeleteGrant.handle(tenant!, { id: Number(params.id) })
    session.flash('success', 'Convention supprimée.')
    return response.redirect().toRoute('grants.grants.index')
  }
}
