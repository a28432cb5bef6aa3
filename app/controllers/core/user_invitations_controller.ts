import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import InviteUser from '#actions/core/invite_user'
import ResendInvitation from '#actions/core/resend_invitation'
import { LINK_LIFETIME_HOURS } from '#actions/core/one_time_links'
import { invitationValidator } from '#validators/people'
import { ROLES, ROLE_LABELS } from '#vocabulary/core'

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))
const HOURS = LINK_LIFETIME_HOURS.invitation

/** What the admin reads once the invitation is written, whether the message left or not. */
function flashDelivery(
  session: HttpContext['session'],
  user: { fullName: string; email: string },
  delivered: boolean
) {
  if (delivered) {
    session.flash(
      'success',
      `Invitation envoyée à ${user.email} : le lien est valable ${HOURS} heures.`
    )
  } else {
    session.flash(
      'warning',
      `L’invitation de ${user.fullName} est enregistrée, mais l’e-mail n’a pas pu partir. Vérifiez la configuration de la messagerie (SMTP), puis renvoyez l’invitation.`
    )
  }
}

/** An admin invites a person by e-mail, or sends their invitation again (a new link). */
export default class UserInvitationsController {
  async create({ view }: HttpContext) {
    return view.render('pages/admin/users/invite', {
      roleOptions,
      hours: HOURS,
      breadcrumbs: [
        { label: 'Utilisateurs', href: urlFor('users.index') },
        { label: 'Inviter une personne' },
      ],
    })
  }

  async store({ request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(invitationValidator)
    const outcome = await InviteUser.handle(tenant!, payload)
    if (outcome.kind === 'invited') {
      flashDelivery(session, outcome.user, outcome.delivered)
      return response.redirect().toRoute('users.index')
    }
    const told = outcome.delivered ? 'un e-mail l’en informe' : 'l’e-mail n’a pas pu partir'
    session.flash(
      outcome.delivered ? 'success' : 'warning',
      `${outcome.fullName} a déjà un compte Socle et devient membre de votre organisation (${outcome.roles}) ; ${told}.`
    )
    return response.redirect().toRoute('members.index')
  }

  async resend({ params, response, session, tenant }: HttpContext) {
    const { user, delivered } = await ResendInvitation.handle(tenant!, { id: Number(params.id) })
    flashDelivery(session, user, delivered)
    return response.redirect().toRoute('users.index')
  }
}
