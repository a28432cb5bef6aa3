import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { memberBodyValidator } from '#validators/governance'
import { sendWorkbook } from '#http/downloads'
import MemberDirectory from '#reports/governance/member_directory'
import { MemberBodyForm } from '#reports/governance/forms'
import { membersWorkbook } from '#exports/governance/members'
import CreateMemberBody from '#actions/governance/create_member_body'
import UpdateMemberBody from '#actions/governance/update_member_body'
import DeleteMemberBody from '#actions/governance/delete_member_body'
import { MEMBER_KINDS, optionsOf } from '#vocabulary/governance'
import { governanceCrumbs } from '#controllers/governance/params'

const crumbs = (label: string) =>
  governanceCrumbs({ label: 'Membres', href: urlFor('governance.members.index') }, { label })

/** Member bodies (legal entities) and the people who represent them. */
export default class MemberBodiesController {
  async index({ view, tenant }: HttpContext) {
    return view.render('pages/governance/members', {
      ...(await new MemberDirectory(tenant!, {}).build()),
      breadcrumbs: governanceCrumbs({ label: 'Membres' }),
    })
  }

  async export({ response, tenant }: HttpContext) {
    const directory = await new MemberDirectory(tenant!, {}).build()
    return sendWorkbook(response, 'membres.xlsx', membersWorkbook(directory))
  }

  async create({ view }: HttpContext) {
    return view.render('pages/governance/member_form', {
      body: null,
      kindOptions: optionsOf(MEMBER_KINDS),
      breadcrumbs: crumbs('Nouveau membre'),
    })
  }

  async edit({ params, view, tenant }: HttpContext) {
    const { body } = await new MemberBodyForm(tenant!, { id: Number(params.id) }).build()
    return view.render('pages/governance/member_form', {
      body,
      kindOptions: optionsOf(MEMBER_KINDS),
      breadcrumbs: crumbs(body.name),
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(memberBodyValidator)
    await CreateMemberBody.handle(tenant!, payload)
    session.flash('success', `Membre « ${payload.name} » créé.`)
    return response.redirect().toRoute('governance.members.index')
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(memberBodyValidator)
    await UpdateMemberBody.handle(tenant!, { ...payload, id: Number(params.id) })
    session.flash('success', `Membre « ${payload.name} » enregistré.`)
    return response.redirect().toRoute('governance.members.index')
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    const body = await DeleteMemberBody.handle(tenant!, Number(params.id))
    session.flash('success', `Membre « ${body.name} » supprimé.`)
    return response.redirect().toRoute('governance.members.index')
  }
}
