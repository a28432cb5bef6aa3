import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { EMAIL_TAKEN, userValidator } from '#validators/core'
import { ROLES, ROLE_LABELS } from '#vocabulary/core'
import { sendWorkbook } from '#http/downloads'
import { usersWorkbook } from '#exports/core/users'
import { UsersList, usersListState } from '#reports/core/users_list'
import { UserDetail } from '#reports/core/user_detail'
import CreateUser from '#actions/core/create_user'
import UpdateUser from '#actions/core/update_user'
import { registerConstraintMessages } from '#support/domain_errors'

// Two admins saving the same address at once: the second meets the unique index, same message.
registerConstraintMessages({ users_email_unique: { message: EMAIL_TAKEN, field: 'email' } })

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))
const crumbs = (label?: string) => [
  { label: 'Utilisateurs', href: label ? urlFor('users.index') : undefined },
  ...(label ? [{ label }] : []),
]

export default class UsersController {
  async index({ request, view, tenant }: HttpContext) {
    const state = usersListState(request.qs())
    const { page } = await new UsersList(tenant!, { state, paginate: true }).build()
    page!
      .baseUrl(urlFor('users.index'))
      .queryString({ q: state.search, tri: state.sort, ordre: state.direction })
    return view.render('pages/admin/users/index', { page, table: state, breadcrumbs: crumbs() })
  }

  async export({ request, response, tenant }: HttpContext) {
    const state = usersListState(request.qs())
    const { users } = await new UsersList(tenant!, { state, paginate: false }).build()
    return sendWorkbook(response, 'utilisateurs.xlsx', await usersWorkbook(users))
  }

  async create({ view }: HttpContext) {
    return view.render('pages/admin/users/form', {
      user: null,
      roleOptions,
      breadcrumbs: crumbs('Nouvel utilisateur'),
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(userValidator)
    await CreateUser.handle(tenant!, payload)
    session.flash('success', 'Utilisateur créé.')
    return response.redirect().toRoute('users.index')
  }

  async edit({ params, view, tenant }: HttpContext) {
    const user = await new UserDetail(tenant!, { id: Number(params.id) }).build()
    return view.render('pages/admin/users/form', {
      user,
      roleOptions,
      breadcrumbs: crumbs(user.fullName),
    })
  }

  async update({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(userValidator, {
      meta: { userId: Number(params.id) },
    })
    await UpdateUser.handle(tenant!, Number(params.id), payload)
    session.flash('success', 'Utilisateur mis à jour.')
    return response.redirect().toRoute('users.index')
  }
}
