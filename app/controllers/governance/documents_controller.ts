import type { HttpContext } from '@adonisjs/core/http'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { documentValidator } from '#validators/governance'
import { uploadRefusal } from '#middleware/upload_middleware'
import { RuleError } from '#support/domain_errors'
import AddMeetingDocument from '#actions/governance/add_meeting_document'
import FileSignedMinutes from '#actions/governance/file_signed_minutes'
import { governanceStorageDir } from '#actions/governance/meeting_files'
import {
  MeetingDocumentFile,
  SignedMinutesFile,
  type StoredFile,
} from '#reports/governance/meeting_files'
import { meetingUrl } from '#controllers/governance/params'

const DOCUMENT_RULES = {
  size: '20mb',
  extnames: ['pdf', 'docx', 'doc', 'odt', 'xlsx', 'ods', 'png', 'jpg', 'jpeg'],
}
const SIGNED_RULES = { size: '20mb', extnames: ['pdf', 'png', 'jpg', 'jpeg'] }

/** The file the form sent when it passed the rules, or the French refusal (on its field). */
function accepted(file: MultipartFile | null, hint: string) {
  if (!file || !file.isValid) {
    throw new RuleError((file && uploadRefusal(file)) ?? hint, { field: 'fichier' })
  }
  return file
}

/** A stored file, always as an attachment and never sniffed into something renderable. */
function sendStored(response: HttpContext['response'], { storedName, fileName }: StoredFile) {
  response.header('X-Content-Type-Options', 'nosniff')
  return response.attachment(`${governanceStorageDir()}/${storedName}`, fileName, 'attachment')
}

/** Meeting documents and signed minutes: stored under storage/governance, served as downloads. */
export default class DocumentsController {
  async store({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(documentValidator)
    const file = accepted(
      request.file('fichier', DOCUMENT_RULES),
      'Choisissez un fichier (PDF, bureautique ou image, 20 Mo au plus).'
    )
    const document = await AddMeetingDocument.handle(tenant!, {
      meetingId: Number(params.id),
      title: payload.title,
      file,
      mimeType: `${file.type ?? ''}/${file.subtype ?? ''}`,
    })
    session.flash('success', 'Document ajouté à la séance.')
    return response.redirect(meetingUrl(document.meetingId, 'documents'))
  }

  async show({ params, response, tenant }: HttpContext) {
    return sendStored(
      response,
      await new MeetingDocumentFile(tenant!, { id: Number(params.id) }).build()
    )
  }

  async storeSigned({ params, request, response, session, tenant }: HttpContext) {
    const file = accepted(
      request.file('fichier', SIGNED_RULES),
      'Choisissez le procès-verbal signé (PDF ou image).'
    )
    await FileSignedMinutes.handle(tenant!, { meetingId: Number(params.id), file })
    session.flash('success', 'Procès-verbal signé enregistré ; la séance est close.')
    return response.redirect().toRoute('governance.meetings.show', { id: params.id })
  }

  async showSigned({ params, response, tenant }: HttpContext) {
    const file = await new SignedMinutesFile(tenant!, { meetingId: Number(params.id) }).build()
    return sendStored(response, file)
  }
}
