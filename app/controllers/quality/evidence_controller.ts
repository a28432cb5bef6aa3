import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { attachmentHeader } from '#http/downloads'
import { evidenceLinkValidator } from '#validators/quality'
import AttachEvidence from '#actions/quality/attach_evidence'
import RemoveEvidenceFile from '#actions/quality/remove_evidence_file'
import AddEvidenceLink from '#actions/quality/add_evidence_link'
import RemoveEvidenceLink from '#actions/quality/remove_evidence_link'
import { EvidenceDownload } from '#reports/quality/evidence_download'
import EvidencePolicy from '#policies/quality/evidence_policy'

/** Headers that make a browser save the file, never render it. */
function downloadHeaders(fileName: string): Record<string, string> {
  return {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': attachmentHeader(fileName),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  }
}

/** Evidence of a criterion: uploaded files (served as downloads only) and links to Socle records. */
export default class EvidenceController {
  async upload({ params, request, response, session, bouncer, tenant }: HttpContext) {
    await bouncer.with(EvidencePolicy).authorize('manage')
    const criterionId = Number(params.id)
    await AttachEvidence.handle(tenant!, { criterionId, file: request.file('fichier') })
    session.flash('success', 'Pièce justificative ajoutée.')
    return response.redirect().toRoute('quality.criteria.show', { id: criterionId })
  }

  async download({ params, response, bouncer, tenant }: HttpContext) {
    const { evidence, criterion } = await new EvidenceDownload(tenant!, {
      id: Number(params.id),
    }).build()
    await bouncer.with(EvidencePolicy).authorize('download', evidence, criterion)
    for (const [name, value] of Object.entries(downloadHeaders(evidence.originalName))) {
      response.header(name, value)
    }
    return response.stream(await drive.use('quality').getStream(evidence.storedName))
  }

  async destroyFile({ params, response, session, tenant }: HttpContext) {
    const evidence = await RemoveEvidenceFile.handle(tenant!, Number(params.id))
    session.flash('success', 'Pièce justificative supprimée.')
    return response.redirect().toRoute('quality.criteria.show', { id: evidence.criterionId })
  }

  async storeLink({ params, request, response, session, tenant }: HttpContext) {
    const payload = await request.validateUsing(evidenceLinkValidator)
    const link = await AddEvidenceLink.handle(tenant!, {
      ...payload,
      criterionId: Number(params.id),
    })
    session.flash('success', 'Lien de preuve ajouté.')
    return response.redirect().toRoute('quality.criteria.show', { id: link.criterionId })
  }

  async destroyLink({ params, response, session, tenant }: HttpContext) {
    const link = await RemoveEvidenceLink.handle(tenant!, Number(params.id))
    session.flash('success', 'Lien de preuve retiré.')
    return response.redirect().toRoute('quality.criteria.show', { id: link.criterionId })
  }
}
