import { BaseMail } from '@adonisjs/mail'
import { welcomeUrl } from '#mail/links'

export interface Invitation {
  fullName: string
  email: string
  organisationName: string
  invitedBy: string
  token: string
  hours: number
}

/** An admin invites a person: the link lets them choose their password. */
export default class InvitationMail extends BaseMail {
  constructor(private invitation: Invitation) {
    super()
    this.subject = `Invitation à rejoindre ${invitation.organisationName} sur Socle`
  }

  prepare() {
    const data = { ...this.invitation, link: welcomeUrl(this.invitation.token) }
    this.message
      .to(this.invitation.email, this.invitation.fullName)
      .htmlView('emails/invitation', data)
      .textView('emails/invitation_text', data)
  }
}
