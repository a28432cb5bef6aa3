import { BaseMail } from '@adonisjs/mail'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { absoluteUrl } from '#mail/links'

export interface MembershipNotice {
  fullName: string
  email: string
  organisationName: string
  addedBy: string
  /** The roles given, in French. */
  roles: string
}

/**
 * A person who already has a Socle account was invited into another organisation: they now
 * belong to it (ADR 9). No link to spend: they log in with their password and choose the
 * organisation in the menu.
 */
export default class MembershipMail extends BaseMail {
  constructor(private notice: MembershipNotice) {
    super()
    this.subject = `Vous faites maintenant partie de ${notice.organisationName} sur Socle`
  }

  prepare() {
    const data = { ...this.notice, link: absoluteUrl(urlFor('login')) }
    this.message
      .to(this.notice.email, this.notice.fullName)
      .htmlView('emails/membership', data)
      .textView('emails/membership_text', data)
  }
}
