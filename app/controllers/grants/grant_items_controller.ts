import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Grant from '#models/grants/grant'
import GrantTarget from '#models/grants/grant_target'
import GrantDeadline from '#models/grants/grant_deadline'
import * as v from '#validators/grants'
import * as conventions from '#actions/grants/conventions'
import { storeDocument, documentPath } from '#actions/grants/documents'
import GrantDocument from '#models/grants/grant_document'
import { GrantRuleError, withDatabaseGuards } from '#actions/grants/errors'
import { attachmentHeader } from '#http/downloads'
import { uploadRefusal } from '#middleware/upload_middleware'

/** Sub-records of a convention: split, lifecycle, amendments, payments, targets, deadlines, files. */
export default class GrantItemsController {
  private async within(
    ctx: HttpContext,
    message: string,
    work: (grant: Grant, trx: TransactionClientContract) => Promise<unknown>
  ) {
    await db.transaction(async (trx) => {
      const grant = await Grant.query({ client: trx })
        .where('id', ctx.params.id)
        .forUpdate()
        .firstOrFail()
      await work(grant, trx)
    })
    ctx.session.flash('success', message)
    return ctx.response.redirect(`/financements/conventions/${ctx.params.id}`)
  }

  async split(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(v.yearSplitValidator)
    const split = payload.years
      .map((y) => ({ year: y.year, amount: v.money(y.amount, `montant ${y.year}`, false) }))
      .filter((y) => y.amount !== null) as Array<{
      year: number
      amount: import('decimal.js').Decimal
    }>
    return this.within(ctx, 'Répartition par exercice enregistrée.', (grant, trx) =>
      conventions.setYearSplit(grant, split, trx)
    )
  }

  async event(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(v.eventValidator)
    return this.within(ctx, 'Étape enregistrée.', (grant, trx) =>
      conventions.addEvent(grant, p.kind, v.calendarDate(p.occurredOn, 'date'), p.note ?? null, trx)
    )
  }

  async amend(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(v.amendmentValidator)
    return this.within(ctx, 'Avenant enregistré.', (grant, trx) =>
      conventions.amendGrant(
        grant,
        {
          newAmount: v.money(p.newAmount, 'nouveau montant')!,
          signedOn: v.calendarDate(p.signedOn, 'date de signature'),
          reason: p.reason,
          reference: p.reference,
        },
        trx
      )
    )
  }

  async schedule(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(v.scheduleValidator)
    return this.within(ctx, 'Échéance ajoutée.', (grant, trx) =>
      conventions.addScheduleLine(
        grant,
        {
          kind: p.kind,
          label: p.label,
          expectedOn: v.calendarDate(p.expectedOn, 'date prévue'),
          amount: v.money(p.amount, 'montant')!,
        },
        trx
      )
    )
  }

  async receipt(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(v.receiptValidator)
    return this.within(ctx, 'Versement enregistré.', (grant, trx) =>
      conventions.addReceipt(
        grant,
        {
          receivedOn: v.calendarDate(p.receivedOn, 'date de réception'),
          amount: v.money(p.amount, 'montant')!,
          reference: p.reference,
          scheduleId: p.scheduleId,
          entryLineId: p.entryLineId,
        },
        trx
      )
    )
  }

  async target(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(v.targetValidator)
    return this.within(ctx, 'Objectif enregistré.', (grant, trx) =>
      withDatabaseGuards(() =>
        GrantTarget.create(
          {
            grantId: grant.id,
            indicatorCode: p.indicatorCode,
            label: p.label,
            year: p.year,
            target: v.money(p.target, 'objectif')!,
          },
          { client: trx }
        )
      )
    )
  }

  async deadline(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(v.deadlineValidator)
    return this.within(ctx, 'Échéance de bilan ajoutée.', (grant, trx) =>
      GrantDeadline.create(
        { grantId: grant.id, kind: p.kind, label: p.label, dueOn: v.calendarDate(p.dueOn, 'date') },
        { client: trx }
      )
    )
  }

  async allocate(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(v.allocationValidator)
    return this.within(ctx, 'Ligne du grand livre imputée à la convention.', (grant, trx) =>
      conventions.allocateLine(
        grant,
        { entryLineId: p.entryLineId, amount: v.money(p.amount, 'montant', false) },
        trx
      )
    )
  }

  async upload(ctx: HttpContext) {
    const file = ctx.request.file('fichier', {
      size: '20mb',
      extnames: ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'odt'],
    })
    if (!file || !file.isValid)
      throw new GrantRuleError(
        (file && uploadRefusal(file)) ??
          'Choisissez un fichier (PDF, image, DOCX ou ODT, 20 Mo au plus).'
      )
    return this.within(ctx, 'Document ajouté.', (grant, trx) => storeDocument(grant, file, trx))
  }

  async download({ params, response }: HttpContext) {
    const doc = await GrantDocument.query()
      .where('id', params.documentId)
      .where('grantId', params.id)
      .firstOrFail()
    response.header('Content-Disposition', attachmentHeader(doc.originalName))
    response.header('X-Content-Type-Options', 'nosniff')
    return response.download(documentPath(doc.storedName), true)
  }
}
