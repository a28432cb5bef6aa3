import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'

/** An absolute address of the application, for messages read outside it. */
export function absoluteUrl(path: string) {
  return `${env.get('APP_URL').replace(/\/+$/, '')}${path}`
}

/** The page where a first-password link (welcome, invitation) is opened. */
export function welcomeUrl(token: string) {
  return absoluteUrl(urlFor('welcome.show', { token }))
}

/** The page where a password reset link is opened. */
export function passwordResetUrl(token: string) {
  return absoluteUrl(urlFor('password_resets.show', { token }))
}
