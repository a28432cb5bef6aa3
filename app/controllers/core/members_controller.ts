import type { HttpContext } from '@adonisjs/core/http'
import { memberValidator } from '#validators/memberships'
import { MembersList } from '#reports/core/members_list'
import AddMember from '#actions/core/add_member'
import RemoveMember from '#actions/core/remove_member'

const breadcrumbs = [{ label: 'Membres d’autres organisations' }]

/**
 * People whose account belongs to another organisation, given roles in this one (ADR 9): the
 * list, adding one by e-mail (or changing their roles), and withdrawing one.
 */
export default class MembersController {
  async index({ view, tenant }: HttpContext) {
    const list = await new MembersList(tenant!, {}).build()
    return view.render('pages/admin/members/index', { ...list, breadcrumbs })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(memberValidator)
    await AddMember.handle(tenant!, payload)
    session.flash('success', 'Membre enregistré : ses rôles valent dès sa prochaine page.')
    return response.redirect().toRoute('members.index')
  }

  async destroy({ params, response, session, tenant }: HttpContext) {
    await RemoveMember.handle(tenant!, { id: Number(params.id) })
    session.flash('success', 'Membre retiré : il n’a plus accès à votre organisation.')
    return response.redirect().toRoute('members.index')
  }
}
