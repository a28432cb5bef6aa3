import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import Criterion from '#models/quality/criterion'
import EvidenceFile from '#models/quality/evidence_file'
import EvidenceLink, { evidenceReferenceError } from '#models/quality/evidence_link'
import { evidenceLinkValidator } from '#validators/quality'
import { attachEvidence, downloadHeaders, EvidenceRejected } from '#actions/quality/attach_evidence'
import { currentActor } from '#support/request_context'
import { RuleError } from '#support/domain_errors'
import EvidencePolicy from '#policies/quality/evidence_policy'

/** Evidence of a criterion: uploaded files (served as downloads only) and links to Socle records. */
export default class EvidenceController {
  async upload({ params, request, response, session, bouncer }: HttpContext) {
    const criterion = await Criterion.findOrFail(params.id)
    await bouncer.with(EvidencePolicy).authorize('manage', criterion)
    const file = request.file('fichier')
    if (!file || !file.tmpPath) {
      throw new RuleError('Choisissez un fichier à joindre.', { field: 'fichier' })
    }
    try {
      await attachEvidence(criterion, { tmpPath: file.tmpPath, clientName: file.clientName })
    } catch (error) {
      // The refusal is about the file field of the form.
      if (error instanceof EvidenceRejected) {
        throw new RuleError(error.message, { field: 'fichier', cause: error })
      }
      throw error
    }
    session.flash('success', 'Pièce justificative ajoutée.')
    return response.redirect(`/qualite/criteres/${criterion.id}`)
  }

  async download({ params, response, bouncer }: HttpContext) {
    const evidence = await EvidenceFile.findOrFail(params.id)
    const criterion = await Criterion.findOrFail(evidence.criterionId)
    await bouncer.with(EvidencePolicy).authorize('download', evidence, criterion)
    for (const [name, value] of Object.entries(downloadHeaders(evidence))) {
      response.header(name, value)
    }
    return response.stream(await drive.use('quality').getStream(evidence.storedName))
  }

  async destroyFile({ params, response, session }: HttpContext) {
    const evidence = await EvidenceFile.findOrFail(params.id)
    await db.transaction(async (trx) => {
      evidence.useTransaction(trx)
      await evidence.delete()
    })
    await drive.use('quality').delete(evidence.storedName)
    session.flash('success', 'Pièce justificative supprimée.')
    return response.redirect(`/qualite/criteres/${evidence.criterionId}`)
  }

  async storeLink({ params, request, response, session }: HttpContext) {
    const criterion = await Criterion.findOrFail(params.id)
    const payload = await request.validateUsing(evidenceLinkValidator)
    const invalid = evidenceReferenceError(payload.kind, payload.reference)
    if (invalid) throw new RuleError(invalid, { field: 'reference' })
    await db.transaction((trx) =>
      EvidenceLink.create(
        {
          criterionId: criterion.id,
          ...payload,
          label: payload.label ?? null,
          createdBy: currentActor()?.userId ?? null,
        },
        { client: trx }
      )
    )
    session.flash('success', 'Lien de preuve ajouté.')
    return response.redirect(`/qualite/criteres/${criterion.id}`)
  }

  async destroyLink({ params, response, session }: HttpContext) {
    const link = await EvidenceLink.findOrFail(params.id)
    await db.transaction(async (trx) => {
      link.useTransaction(trx)
      await link.delete()
    })
    session.flash('success', 'Lien de preuve retiré.')
    return response.redirect(`/qualite/criteres/${link.criterionId}`)
  }
}
