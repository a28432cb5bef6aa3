import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { mailCaptureDirectory } from '#config/mail'
import { settleDeliveries } from '#mail/deliver'
import type { CapturedMail } from '#mail/file_transport'

/**
 * The messages the application sent during a test, as the file transport captured them (no
 * SMTP_HOST in tests): the real send path runs, templates included; the test reads the result.
 */

/** Forgets every captured message (call it at the start of a test). */
export async function clearMailbox() {
  await settleDeliveries()
  await rm(mailCaptureDirectory, { recursive: true, force: true })
}

/** Every captured message, oldest first, once the background deliveries have finished. */
export async function mailbox(): Promise<CapturedMail[]> {
  await settleDeliveries()
  let names: string[]
  try {
    names = await readdir(mailCaptureDirectory)
  } catch {
    return []
  }
  const files = names.filter((name) => name.endsWith('.json')).sort()
  return Promise.all(
    files.map(async (name) => JSON.parse(await readFile(join(mailCaptureDirectory, name), 'utf8')))
  )
}

/** The messages sent to one address. */
export async function mailsTo(address: string) {
  const wanted = address.toLowerCase()
  return (await mailbox()).filter((mail) => mail.to.some((to) => to.toLowerCase() === wanted))
}

/**
 * The path of the link that a message carries under `prefix` ("/bienvenue/"), checked to be
 * the same in the text and the HTML bodies. Fails the test when there is none.
 */
export function linkIn(mail: CapturedMail, prefix: string) {
  const pattern = new RegExp(`https?://[^\\s/"<>]+(${prefix}[A-Za-z0-9_-]{43})(?=[\\s"<]|$)`)
  const inText = pattern.exec(mail.text)?.[1]
  const inHtml = pattern.exec(mail.html)?.[1]
  if (!inText || inText !== inHtml) {
    throw new Error(`No ${prefix} link in the message « ${mail.subject} »:\n${mail.text}`)
  }
  return inText
}
