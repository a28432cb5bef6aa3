import type { HttpContext } from '@adonisjs/core/http'
import AcceptOneTimeLink, {
  FIRST_PASSWORD_LINKS,
  linkState,
  RESET_LINKS,
  type LinkRefusal,
} from '#actions/core/one_time_links'
import { newPasswordValidator } from '#validators/people'
import type { OneTimeLinkPurpose } from '#vocabulary/core'

/**
 * The pages a single-use link opens (public, under the guest rules): a form to choose a
 * password, or a French refusal. One flow, two kinds: a first password (welcome, invitation:
 * `/bienvenue/:token`) and a forgotten one (reset). Each kind accepts only its own purposes.
 */
export interface LinkPage {
  purposes: OneTimeLinkPurpose[]
  title: string
  heading: string
  /** Before the form; the user's name and e-mail follow. */
  greeting: string
  submitLabel: string
  updateRoute: 'welcome.update' | 'password_resets.update'
  success: string
  refusals: Record<LinkRefusal, { status: number; title: string; message: string }>
}

const inactive = {
  status: 410,
  title: 'Compte désactivé',
  message:
    'Ce compte est désactivé : ce lien ne peut plus servir. Adressez-vous à votre administrateur.',
}

export const WELCOME_PAGE: LinkPage = {
  purposes: FIRST_PASSWORD_LINKS,
  title: 'Bienvenue',
  heading: 'Bienvenue dans Socle',
  greeting: 'choisissez le mot de passe du compte',
  submitLabel: 'Enregistrer mon mot de passe',
  updateRoute: 'welcome.update',
  success: 'Votre mot de passe est enregistré. Connectez-vous pour commencer.',
  refusals: {
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
    revoked: {
      status: 410,
      title: 'Lien remplacé',
      message:
        'Un lien plus récent vous a été envoyé : celui-ci ne sert plus. Utilisez le dernier e-mail reçu, ou demandez un nouveau lien à votre administrateur.',
    },
    expired: {
      status: 410,
      title: 'Lien expiré',
      message:
        'Ce lien de bienvenue a expiré (il est valable 48 heures). Demandez un nouveau lien à votre administrateur.',
    },
    inactive,
  },
}

export const RESET_PAGE: LinkPage = {
  purposes: RESET_LINKS,
  title: 'Nouveau mot de passe',
  heading: 'Choisir un nouveau mot de passe',
  greeting: 'choisissez le nouveau mot de passe du compte',
  submitLabel: 'Enregistrer le nouveau mot de passe',
  updateRoute: 'password_resets.update',
  success:
    'Votre nouveau mot de passe est enregistré et vos autres sessions sont fermées. Connectez-vous.',
  refusals: {
    unknown: {
      status: 404,
      title: 'Lien inconnu',
      message:
        'Ce lien de réinitialisation n’existe pas. Vérifiez que vous l’avez copié en entier, ou faites une nouvelle demande.',
    },
    used: {
      status: 410,
      title: 'Lien déjà utilisé',
      message:
        'Ce lien de réinitialisation a déjà servi : il ne s’utilise qu’une fois. Connectez-vous avec le mot de passe choisi, ou faites une nouvelle demande.',
    },
    revoked: {
      status: 410,
      title: 'Lien remplacé',
      message:
        'Une demande plus récente a été faite : ce lien ne sert plus. Utilisez le dernier e-mail reçu.',
    },
    expired: {
      status: 410,
      title: 'Lien expiré',
      message:
        'Ce lien de réinitialisation a expiré (il est valable 1 heure). Faites une nouvelle demande.',
    },
    inactive,
  },
}

function refuse({ view, response }: HttpContext, page: LinkPage, state: LinkRefusal) {
  const refusal = page.refusals[state]
  response.status(refusal.status)
  return view.render('pages/core/links/refused', refusal)
}

/** GET: the form, or why the link opens nothing. */
export async function showLinkPage(ctx: HttpContext, page: LinkPage) {
  const token = String(ctx.params.token)
  const link = await linkState(token, page.purposes)
  if (link.state !== 'usable') return refuse(ctx, page, link.state)
  return ctx.view.render('pages/core/links/show', { page, link, token })
}

/** POST: chooses the password and spends the link, then on to the login page. */
export async function acceptLinkPage(ctx: HttpContext, page: LinkPage) {
  const { request, response, session, params } = ctx
  const { password } = await request.validateUsing(newPasswordValidator)
  const token = String(params.token)
  const link = await AcceptOneTimeLink.handle({ token, purposes: page.purposes, password })
  if (link.state !== 'usable') return refuse(ctx, page, link.state)
  session.flash('success', page.success)
  return response.redirect().toRoute('login')
}
