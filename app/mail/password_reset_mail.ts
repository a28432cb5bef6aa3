import { BaseMail } from '@adonisjs/mail'
import { passwordResetUrl } from '#mail/links'

export interface PasswordReset {
  fullName: string
  email: string
  token: string
  hours: number
}

/** A forgotten password: the link lets its owner choose a new one. */
export default class PasswordResetMail extends BaseMail {
  subject = 'Réinitialisation de votre mot de passe Socle'

  constructor(private reset: PasswordReset) {
    super()
  }

  prepare() {
    const data = { ...this.reset, link: passwordResetUrl(this.reset.token) }
    this.message
      .to(this.reset.email, this.reset.fullName)
      .htmlView('emails/password_reset', data)
      .textView('emails/password_reset_text', data)
  }
}
