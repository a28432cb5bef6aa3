import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import User from '#models/core/user'
import { loginValidator } from '#validators/core'
import { loginBlockedFor, recordLoginFailure, recordLoginSuccess } from '#support/login_throttle'
import { stampSession } from '#support/session_policy'

const INVALID = 'Adresse e-mail ou mot de passe incorrect.'

export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  async store(ctx: HttpContext) {
    const { request, response, session, auth } = ctx
    const { email, password } = await request.validateUsing(loginValidator)

    const wait = await loginBlockedFor(ctx, email)
    if (wait > 0) {
      session.flashExcept(['password'])
      session.flash(
        'error',
        `Trop de tentatives. Réessayez dans ${Math.ceil(wait / 60)} minute(s).`
      )
      return response.status(429).redirect().back()
    }

    let user: User
    try {
      user = await User.verifyCredentials(email, password)
    } catch {
      await recordLoginFailure(ctx, email)
      session.flashExcept(['password'])
      session.flash('error', INVALID)
      return response.redirect().back()
    }
    if (!user.isActive) {
      await recordLoginFailure(ctx, email)
      session.flashExcept(['password'])
      session.flash('error', INVALID)
      return response.redirect().back()
    }

    await recordLoginSuccess(ctx, email)
    if (hash.needsReHash(user.password)) user.password = password
    user.lastLoginAt = DateTime.now()
    await user.save()

    // login() regenerates the session id (no fixation).
    await auth.use('web').login(user)
    stampSession(ctx, user)
    return response.redirect('/')
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('web').logout()
    session.clear()
    return response.redirect('/login')
  }
}
