import Meeting from '#models/governance/meeting'
import MeetingDocument from '#models/governance/meeting_document'
import { NotFoundError } from '#support/domain_errors'
import { Report } from '#support/report'

export interface StoredFile {
  /** Generated name under storage/governance. */
  storedName: string
  /** The name the file is downloaded under. */
  fileName: string
}

/** A document filed with a meeting. */
export class MeetingDocumentFile extends Report<{ id: number }, StoredFile> {
  async build() {
    const document = await MeetingDocument.findOrFail(this.params.id)
    return { storedName: document.storedName, fileName: document.originalName }
  }
}

/** The signed minutes of a meeting; not found until they are filed. */
export class SignedMinutesFile extends Report<{ meetingId: number }, StoredFile> {
  async build() {
    const meeting = await Meeting.findOrFail(this.params.meetingId)
    if (!meeting.signedMinutesFile) throw new NotFoundError()
    return {
      storedName: meeting.signedMinutesFile,
      fileName: meeting.signedMinutesName ?? 'pv-signe.pdf',
    }
  }
}
