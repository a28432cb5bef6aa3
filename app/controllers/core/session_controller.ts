import type { HttpContext } from '@adonisjs/core/http'
import { loginValidator } from '#validators/core'
import {
  admitLoginAttempt,
  recordLoginFailure,
  recordLoginSuccess,
  throttledMessage,
} from '#http/login_throttle'
import { findLoginAccount, recordFailedLogin, recordLockout } from '#http/login_events'
import { stampSession } from '#http/session_policy'
import { forgetSignedIn, rememberSignedIn } from '#http/signed_in_marker'
import SignIn, {
  checkCredentials,
  organisationRefusal,
  signedInTenant,
} from '#actions/core/sign_in'
import { instanceIsEmpty } from '#actions/core/set_up_instance'

const INVALID = 'Adresse e-mail ou mot de passe incorrect.'

export default class SessionController {
  async create({ view, response }: HttpContext) {
    if (await instanceIsEmpty()) return response.redirect().toRoute('setup.show') // no organisation yet
    return view.render('pages/auth/login')
  }

  async store(ctx: HttpContext) {
    const { request, response, session, auth } = ctx
    const { email, password } = await request.validateUsing(loginValidator)

    const verdict = await admitLoginAttempt(ctx, email)
    if (verdict.waitSeconds > 0) {
      // 303 back to the form: browsers follow it and show the message (a 429 with a Location
      // header is not followed and shows a bare "Redirecting to" page).
      session.flashExcept(['password', '_csrf'])
      session.flash('error', throttledMessage(verdict.waitSeconds))
      response.header('Retry-After', String(verdict.waitSeconds))
      return response.redirect().status(303).back()
    }

    const user = await checkCredentials(email, password)
    if (!user || !user.isActive) {
      const account = await findLoginAccount(email)
      await recordFailedLogin(ctx, email, account)
      const lockout = await recordLoginFailure(ctx, email)
      if (lockout.waitSeconds > 0) await recordLockout(ctx, email, account, lockout)
      session.flashExcept(['password', '_csrf'])
      session.flash('error', INVALID)
      return response.redirect().back()
    }

    const refusal = await organisationRefusal(user) // no active organisation left: say why
    if (refusal) {
      session.flashExcept(['password', '_csrf'])
      session.flash('error', refusal)
      return response.redirect().back()
    }

    await recordLoginSuccess(ctx, email)
    // From here on the request acts for the user's organisation (the tenant middleware ran
    // before anyone was logged in).
    const tenant = signedInTenant(user, { requestId: request.id(), ip: request.ip() })
    await SignIn.handle(tenant, user, password)

    // login() regenerates the session id (no fixation).
    await auth.use('web').login(user)
    stampSession(ctx, user)
    rememberSignedIn(ctx)
    return response.redirect().toRoute('home')
  }

  async destroy(ctx: HttpContext) {
    const { auth, response, session } = ctx
    await auth.use('web').logout()
    session.clear()
    forgetSignedIn(ctx)
    return response.redirect().toRoute('login')
  }
}
