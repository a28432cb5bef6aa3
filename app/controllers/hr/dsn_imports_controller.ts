import type { HttpContext } from '@adonisjs/core/http'
import PreviewDsn from '#actions/hr/preview_dsn'
import { RuleError } from '#support/domain_errors'
import { uploadRefusal } from '#middleware/upload_middleware'

/** Upload of a monthly DSN (hr.write): checked and previewed, nothing written in the register. */
export default class DsnImportsController {
  async store({ request, response, tenant }: HttpContext) {
    const file = request.file('fichier')
    if (!file || !file.tmpPath)
      throw new RuleError('Choisissez un fichier DSN à importer.', { field: 'fichier' })
    const refusal = uploadRefusal(file)
    if (refusal) throw new RuleError(`Fichier refusé : ${refusal}`, { field: 'fichier' })
    const record = await PreviewDsn.handle(tenant!, {
      path: file.tmpPath,
      fileName: file.clientName,
    })
    return response.redirect().toRoute('hr.personal.dsn.show', { id: record.id })
  }
}
