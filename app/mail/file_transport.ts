import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createTransport } from 'nodemailer'
import logger from '@adonisjs/core/services/logger'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/** What the file transport writes next to each .eml: the parts a person or a test reads. */
export interface CapturedMail {
  messageId: string
  date: string
  from: string
  to: string[]
  subject: string
  text: string
  html: string
  /** The .eml file: the whole message as an SMTP server would have received it. */
  eml: string
}

let sequence = 0

/** The text of a body part when it is text (the mailer renders templates to strings). */
function asText(part: NodeMailerMessage['html']) {
  return typeof part === 'string' ? part : Buffer.isBuffer(part) ? part.toString('utf8') : ''
}

/**
 * A mail transport for development and tests (no SMTP_HOST): each message goes through
 * nodemailer's MIME composer like a real one, then lands in `directory` as `<name>.eml` (open it
 * in any mail client) and `<name>.json` (sender, recipients, subject, text and HTML bodies).
 * Names sort in sending order. The log says where each message went.
 */
export class FileTransport implements MailTransportContract {
  #composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' })

  constructor(readonly directory: string) {}

  async send(message: NodeMailerMessage) {
    const info = await this.#composer.sendMail(message)
    sequence += 1
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const name = `${stamp}-${String(sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}`
    const eml = join(this.directory, `${name}.eml`)
    const captured: CapturedMail = {
      messageId: info.messageId,
      date: new Date().toISOString(),
      from: String(info.envelope.from || ''),
      to: info.envelope.to,
      subject: String(message.subject ?? ''),
      text: asText(message.text),
      html: asText(message.html),
      eml,
    }
    await mkdir(this.directory, { recursive: true })
    await writeFile(eml, info.message)
    await writeFile(join(this.directory, `${name}.json`), JSON.stringify(captured, null, 2))
    logger.info(
      { mail: { to: captured.to, subject: captured.subject, file: eml } },
      'mail captured in a file (no SMTP_HOST): %s',
      eml
    )
    return new MailResponse(info.messageId, info.envelope, info)
  }
}
