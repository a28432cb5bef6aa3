import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Meeting from '#models/governance/meeting'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { UploadedFile } from '#support/uploaded_file'
import { storeUpload } from '#actions/governance/meeting_files'
import { assertCanBeHeld } from '#actions/governance/meetings'

/**
 * Files the signed minutes of a meeting: its records become final (status closed), its results
 * can no longer be rectified. A meeting dated after today has no minutes yet.
 */
export default class FileSignedMinutes {
  static async handle(
    _tenant: Tenant,
    input: { meetingId: number; file: UploadedFile },
    trx?: TransactionClientContract
  ) {
    const storedName = await storeUpload(input.file)
    return withTransaction(trx, async (t) => {
      const meeting = await Meeting.query({ client: t })
        .where('id', input.meetingId)
        .forUpdate()
        .firstOrFail()
      assertCanBeHeld(meeting)
      meeting.merge({
        signedMinutesFile: storedName,
        signedMinutesName: input.file.clientName,
        status: 'closed',
      })
      meeting.version = (meeting.version ?? 1) + 1
      await meeting.save()
      return meeting
    })
  }
}
