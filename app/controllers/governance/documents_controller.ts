import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { randomUUID } from 'node:crypto'
import Meeting from '#models/governance/meeting'
import MeetingDocument from '#models/governance/meeting_document'
import { documentValidator } from '#validators/governance'
import { uploadRefusal } from '#middleware/upload_middleware'
import { RuleError } from '#support/domain_errors'
import { NotFoundError } from '#support/domain_errors'

const FILE_RULES = {
  size: '20mb',
  extnames: ['pdf', 'docx', 'doc', 'odt', 'xlsx', 'ods', 'png', 'jpg', 'jpeg'],
}
const storageDir = () => app.makePath('storage/governance')

/** A stored file, always as an attachment and never sniffed into something renderable. */
function sendStored(response: HttpContext['response'], storedName: string, fileName: string) {
  response.header('X-Content-Type-Options', 'nosniff')
  return response.attachment(`${storageDir()}/${storedName}`, fileName, 'attachment')
}

/** Meeting documents and signed minutes: stored under storage/governance, served as downloads. */
export default class DocumentsController {
  async store({ params, request, response, session }: HttpContext) {
    const meeting = await Meeting.findOrFail(params.id)
    const payload = await request.validateUsing(documentValidator)
    const file = request.file('fichier', FILE_RULES)
    if (!file || !file.isValid) {
      throw new RuleError(
        (file && uploadRefusal(file)) ??
          'Choisissez un fichier (PDF, bureautique ou image, 20 Mo au plus).',
        { field: 'fichier' }
      )
    }
    const storedName = `${randomUUID()}.${file.extname}`
    await file.move(storageDir(), { name: storedName })
    await db.transaction((trx) =>
      MeetingDocument.create(
        {
          meetingId: meeting.id,
          title: payload.title,
          storedName,
          originalName: file.clientName,
          mimeType: `${file.type ?? ''}/${file.subtype ?? ''}`,
          size: file.size,
        },
        { client: trx }
      )
    )
    session.flash('success', 'Document ajouté à la séance.')
    return response.redirect(`/gouvernance/seances/${meeting.id}#documents`)
  }

  async show({ params, response }: HttpContext) {
    const document = await MeetingDocument.findOrFail(params.id)
    return sendStored(response, document.storedName, document.originalName)
  }

  async storeSigned({ params, request, response, session }: HttpContext) {
    const file = request.file('fichier', { size: '20mb', extnames: ['pdf', 'png', 'jpg', 'jpeg'] })
    if (!file || !file.isValid) {
      throw new RuleError(
        (file && uploadRefusal(file)) ?? 'Choisissez le procès-verbal signé (PDF ou image).',
        { field: 'fichier' }
      )
    }
    const storedName = `${randomUUID()}.${file.extname}`
    await file.move(storageDir(), { name: storedName })
    await db.transaction(async (trx) => {
      const meeting = await Meeting.query({ client: trx })
        .where('id', params.id)
        .forUpdate()
        .firstOrFail()
      meeting.merge({
        signedMinutesFile: storedName,
        signedMinutesName: file.clientName,
        status: 'closed',
      })
      meeting.version = (meeting.version ?? 1) + 1
      await meeting.save()
    })
    session.flash('success', 'Procès-verbal signé enregistré ; la séance est close.')
    return response.redirect(`/gouvernance/seances/${params.id}`)
  }

  async showSigned({ params, response }: HttpContext) {
    const meeting = await Meeting.findOrFail(params.id)
    if (!meeting.signedMinutesFile) throw new NotFoundError()
    return sendStored(
      response,
      meeting.signedMinutesFile,
      meeting.signedMinutesName ?? 'pv-signe.pdf'
    )
  }
}
