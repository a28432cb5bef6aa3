import type { HttpContext } from '@adonisjs/core/http'
import { GrantDocumentFile } from '#reports/grants/grant_document'
import AttachGrantDocument from '#actions/grants/attach_grant_document'
import { documentPath } from '#actions/grants/documents'
import { GrantRuleError } from '#actions/grants/errors'
import { attachmentHeader } from '#http/downloads'
import { uploadRefusal } from '#middleware/upload_middleware'
import { backToGrant } from '#controllers/grants/grant_items_controller'

/** The convention's documents (the signed convention...): upload and download. */
export default class GrantDocumentsController {
  async store(ctx: HttpContext) {
    const file = ctx.request.file('fichier', {
      size: '20mb',
      extnames: ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'odt'],
    })
    if (!file || !file.isValid)
      throw new GrantRuleError(
        (file && uploadRefusal(file)) ??
          'Choisissez un fichier (PDF, image, DOCX ou ODT, 20 Mo au plus).'
      )
    await AttachGrantDocument.handle(ctx.tenant!, { grantId: Number(ctx.params.id), file })
    return backToGrant(ctx, 'Document ajouté.')
  }

  async show({ params, response, tenant }: HttpContext) {
    const doc = await new GrantDocumentFile(tenant!, {
      grantId: Number(params.id),
      documentId: Number(params.documentId),
    }).build()
    response.header('Content-Disposition', attachmentHeader(doc.originalName))
    response.header('X-Content-Type-Options', 'nosniff')
    return response.download(documentPath(doc.storedName), true)
  }
}
