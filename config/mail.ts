import { tmpdir } from 'node:os'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { defineConfig, transports } from '@adonisjs/mail'
import env from '#start/env'
import { FileTransport } from '#mail/file_transport'

/**
 * Where messages are written when no SMTP server is configured: storage/mail, and a folder of
 * the test process's own in tests (several test runs may share a machine).
 */
export const mailCaptureDirectory = app.inTest
  ? join(tmpdir(), `socle-mail-${process.pid}`)
  : app.makePath('storage/mail')

/** MAIL_FROM: "Name <address>" or a bare address. */
function sender(value: string | undefined) {
  const text = (value ?? '').trim() || 'Socle <socle@localhost>'
  const named = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text)
  if (named) return { name: named[1].replace(/^"|"$/g, '').trim() || 'Socle', address: named[2] }
  return { name: 'Socle', address: text }
}

const smtpPort = env.get('SMTP_PORT') ?? 587
const smtpUser = env.get('SMTP_USERNAME')

const mailConfig = defineConfig({
  // Without an SMTP server, messages are captured in files (development, tests).
  default: env.get('SMTP_HOST') ? 'smtp' : 'file',

  from: sender(env.get('MAIL_FROM')),

  globals: { brandName: 'Socle' },

  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST') ?? 'localhost',
      port: smtpPort,
      // 465 is implicit TLS; other ports upgrade with STARTTLS when the server offers it.
      secure: smtpPort === 465,
      auth: smtpUser
        ? { type: 'login', user: smtpUser, pass: env.get('SMTP_PASSWORD')?.release() ?? '' }
        : undefined,
    }),
    file: () => new FileTransport(mailCaptureDirectory),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
