import { mkdir, unlink, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import BoardPack from '#models/governance/board_pack'
import MeetingDocument from '#models/governance/meeting_document'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { PARIS_ZONE } from '#support/french_format'
import { governanceStorageDir } from '#actions/governance/meeting_files'
import { BoardPackContent } from '#reports/governance/board_pack'
import { boardPackPdf } from '#exports/governance/board_pack_pdf'

const removeQuietly = (storedName: string) =>
  unlink(`${governanceStorageDir()}/${storedName}`).catch(() => undefined)

/**
 * Generates a meeting's board pack as a PDF and files it with the meeting's documents, where
 * the board portal lists them. Generating again replaces the file of the same document (one
 * pack per meeting, its edition counted); both rows' changes are audited. The file is written
 * before the transaction and removed if it fails; the replaced file is removed after it.
 */
export default class GenerateBoardPack {
  static async handle(
    tenant: Tenant,
    input: { meetingId: number },
    trx?: TransactionClientContract
  ) {
    const content = await new BoardPackContent(tenant, { meetingId: input.meetingId }).build()
    const now = new Date()
    const pdf = await boardPackPdf(content, now)
    const storedName = `${randomUUID()}.pdf`
    await mkdir(governanceStorageDir(), { recursive: true })
    await writeFile(`${governanceStorageDir()}/${storedName}`, pdf)
    let replaced: string | null = null
    try {
      const result = await withTransaction(trx, async (t) => {
        const pack =
          (await BoardPack.query({ client: t })
            .where('meeting_id', content.meeting.id)
            .forUpdate()
            .first()) ??
          (await BoardPack.create(
            {
              meetingId: content.meeting.id,
              sections: BoardPack.DEFAULT_SECTIONS,
              edition: 0,
              version: 1,
            },
            { client: t }
          ))
        const edition = pack.edition + 1
        const day = content.meeting.heldAt.setZone(PARIS_ZONE).toISODate()
        const file = {
          title: `Dossier du conseil (édition ${edition})`,
          storedName,
          originalName: `dossier-du-conseil-${day}-v${edition}.pdf`,
          mimeType: 'application/pdf',
          size: pdf.length,
        }
        let document = pack.documentId
          ? await MeetingDocument.query({ client: t })
              .where('id', pack.documentId)
              .forUpdate()
              .first()
          : null
        if (document) {
          replaced = document.storedName
          document.merge(file)
          await document.save()
        } else {
          document = await MeetingDocument.create(
            { meetingId: content.meeting.id, ...file },
            { client: t }
          )
        }
        pack.merge({ documentId: document.id, edition, generatedAt: DateTime.fromJSDate(now) })
        await pack.save()
        return { pack, document }
      })
      if (replaced) await removeQuietly(replaced)
      return result
    } catch (error) {
      await removeQuietly(storedName)
      throw error
    }
  }
}
