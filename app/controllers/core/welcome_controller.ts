import type { HttpContext } from '@adonisjs/core/http'
import AcceptWelcomeLink, { welcomeLinkState, type WelcomeLinkState } from '#actions/core/welcome'
import { welcomePasswordValidator } from '#validators/welcome'

const REFUSALS = {
  unknown: {
    status: 404,
    title: 'Lien inconnu',
    message: 'Ce lien de bienvenue n’existe pas. Vérifiez que vous l’avez copié en entier.',
  },
  used: {
    status: 410,
    title: 'Lien déjà utilisé',
    message:
      'Ce lien de bienvenue a déjà servi : il ne s’utilise qu’une fois. Connectez-vous avec le mot de passe choisi, ou demandez un nouveau lien à votre administrateur.',
  },
  expired: {
    status: 410,
    title: 'Lien expiré',
    message:
      'Ce lien de bienvenue a expiré (il est valable 48 heures). Demandez un nouveau lien à votre administrateur.',
  },
} as const

/** Welcome links: a new user chooses their first password (public, under the guest rules). */
export default class WelcomeController {
  private refuse(
    { view, response }: HttpContext,
    state: Exclude<WelcomeLinkState['state'], 'usable'>
  ) {
    const refusal = REFUSALS[state]
    response.status(refusal.status)
    return view.render('pages/core/welcome/refused', refusal)
  }

  async show(ctx: HttpContext) {
    const link = await welcomeLinkState(ctx.params.token)
    if (link.state !== 'usable') return this.refuse(ctx, link.state)
    return ctx.view.render('pages/core/welcome/show', { link, token: ctx.params.token })
  }

  async update(ctx: HttpContext) {
    const { request, response, session, params } = ctx
    const { password } = await request.validateUsing(welcomePasswordValidator)
    const link = await AcceptWelcomeLink.handle({ token: params.token, password })
    if (link.state !== 'usable') return this.refuse(ctx, link.state)
    session.flash('success', 'Votre mot de passe est enregistré. Connectez-vous pour commencer.')
    return response.redirect().toRoute('login')
  }
}
