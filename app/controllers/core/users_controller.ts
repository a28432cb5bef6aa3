import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import User from '#models/core/user'
import { EMAIL_TAKEN, userValidator } from '#validators/core'
import { ROLES, ROLE_LABELS } from '#policies/role_matrix'
import { assertVersion } from '#support/optimistic_lock'
import { tableState } from '#support/table_query'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { sendWorkbook } from '#http/downloads'
import { userColumns, userRow } from '#exports/core/users'
import { registerConstraintMessages, RuleError } from '#support/domain_errors'

// Two admins saving the same address at once: the second meets the unique index, same message.
registerConstraintMessages({ users_email_unique: { message: EMAIL_TAKEN, field: 'email' } })

const SORTABLE = { nom: 'full_name', email: 'email', connexion: 'last_login_at' }

function usersQuery(state: ReturnType<typeof tableState>) {
  const query = User.query().orderBy(state.column, state.direction).orderBy('id')
  if (state.search) {
    query.where((q) =>
      q.whereILike('full_name', `%${state.search}%`).orWhereILike('email', `%${state.search}%`)
    )
  }
  return query
}

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))
const crumbs = (label?: string) => [
  { label: 'Utilisateurs', href: label ? '/admin/utilisateurs' : undefined },
  ...(label ? [{ label }] : []),
]

export default class UsersController {
  async index({ request, view }: HttpContext) {
    const state = tableState(request.qs(), SORTABLE, { sort: 'nom' })
    const page = await usersQuery(state).paginate(state.page, 50)
    page
      .baseUrl('/admin/utilisateurs')
      .queryString({ q: state.search, tri: state.sort, ordre: state.direction })
    return view.render('pages/admin/users/index', { page, state, breadcrumbs: crumbs() })
  }

  async export({ request, response }: HttpContext) {
    const users = await usersQuery(tableState(request.qs(), SORTABLE, { sort: 'nom' }))
    const workbook = await buildWorkbook([
      { name: 'Utilisateurs', columns: userColumns, rows: users.map(userRow) },
    ])
    return sendWorkbook(response, 'utilisateurs.xlsx', workbook)
  }

  async create({ view }: HttpContext) {
    return view.render('pages/admin/users/form', {
      user: null,
      roleOptions,
      breadcrumbs: crumbs('Nouvel utilisateur'),
    })
  }

  async store({ request, response, session }: HttpContext) {
    const payload = await request.validateUsing(userValidator)
    if (!payload.password) {
      throw new RuleError('Un mot de passe initial est obligatoire (12 caractères au moins).', {
        field: 'password',
      })
    }
    await db.transaction(async (trx) => {
      await User.create(
        {
          fullName: payload.fullName,
          email: payload.email.toLowerCase(),
          roles: payload.roles,
          password: payload.password!,
        },
        { client: trx }
      )
    })
    session.flash('success', 'Utilisateur créé.')
    return response.redirect('/admin/utilisateurs')
  }

  async edit({ params, view }: HttpContext) {
    const user = await User.findOrFail(params.id)
    return view.render('pages/admin/users/form', {
      user,
      roleOptions,
      breadcrumbs: crumbs(user.fullName),
    })
  }

  async update({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(userValidator, {
      meta: { userId: Number(params.id) },
    })
    await db.transaction(async (trx) => {
      const user = await User.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      assertVersion(user, payload.version)
      const rolesChanged = [...user.roles].sort().join() !== [...payload.roles].sort().join()
      user.merge({
        fullName: payload.fullName,
        email: payload.email.toLowerCase(),
        roles: payload.roles,
      })
      if (payload.password) user.password = payload.password
      if (payload.password || rolesChanged) user.revokeSessions()
      await user.save()
    })
    session.flash('success', 'Utilisateur mis à jour.')
    return response.redirect('/admin/utilisateurs')
  }

  async deactivate({ params, response, session, auth }: HttpContext) {
    if (Number(params.id) === auth.user!.id) {
      throw new RuleError('Vous ne pouvez pas désactiver votre propre compte.')
    }
    await this.setActive(params.id, false)
    session.flash('success', 'Compte désactivé : ses sessions sont fermées.')
    return response.redirect('/admin/utilisateurs')
  }

  async reactivate({ params, response, session }: HttpContext) {
    await this.setActive(params.id, true)
    session.flash('success', 'Compte réactivé.')
    return response.redirect('/admin/utilisateurs')
  }

  private async setActive(id: string, active: boolean) {
    await db.transaction(async (trx) => {
      const user = await User.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
      if (user.isActive === active) return
      user.isActive = active
      if (!active) user.revokeSessions()
      await user.save()
    })
  }
}
