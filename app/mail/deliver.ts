import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import type { BaseMail } from '@adonisjs/mail'

/** Messages sent in the background that have not finished yet. */
const pending = new Set<Promise<boolean>>()

/**
 * Sends a message through the configured mailer (SMTP, or files without SMTP_HOST). A message
 * that cannot leave is logged and reported as false: the caller decides what the person sees.
 */
export async function deliver(message: BaseMail): Promise<boolean> {
  try {
    await mail.send(message)
    return true
  } catch (error) {
    logger.error({ err: error }, 'mail not sent')
    return false
  }
}

/**
 * Sends a message without making the request wait for the mail server: the answer takes the
 * same time whether a message left or not (a password reset must not tell which addresses
 * have an account).
 */
export function deliverInBackground(message: BaseMail) {
  const sending = deliver(message).finally(() => pending.delete(sending))
  pending.add(sending)
}

/** Waits for the messages sent in the background (tests, shutdown). */
export async function settleDeliveries() {
  await Promise.all([...pending])
}
