import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Meeting from '#models/governance/meeting'
import MeetingDocument from '#models/governance/meeting_document'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { UploadedFile } from '#support/uploaded_file'
import { storeUpload } from '#actions/governance/meeting_files'

export interface MeetingDocumentInput {
  meetingId: number
  title: string
  /** An upload the controller has already accepted (size and extension). */
  file: UploadedFile
  mimeType: string
}

/** Files a document (agenda, report...) with a meeting, stored under a generated name. */
export default class AddMeetingDocument {
  static async handle(
    _tenant: Tenant,
    input: MeetingDocumentInput,
    trx?: TransactionClientContract
  ) {
    const meeting = await Meeting.findOrFail(input.meetingId, { client: trx })
    const storedName = await storeUpload(input.file)
    return withTransaction(trx, (t) =>
      MeetingDocument.create(
        {
          meetingId: meeting.id,
          title: input.title,
          storedName,
          originalName: input.file.clientName,
          mimeType: input.mimeType,
          size: input.file.size,
        },
        { client: t }
      )
    )
  }
}
