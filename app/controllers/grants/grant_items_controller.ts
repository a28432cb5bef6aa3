import type { HttpContext } from '@adonisjs/core/http'
import * as v from '#validators/grants'
import SetYearSplit from '#actions/grants/set_year_split'
import RecordGrantEvent from '#actions/grants/record_grant_event'
import AmendGrant from '#actions/grants/amend_grant'
import AddScheduleLine from '#actions/grants/add_schedule_line'
import RecordReceipt from '#actions/grants/record_receipt'
import AddGrantTarget from '#actions/grants/add_grant_target'
import AddGrantDeadline from '#actions/grants/add_grant_deadline'
import AllocateLedgerLine from '#actions/grants/allocate_ledger_line'

/** Back to the convention's page, saying what was recorded. */
export function backToGrant({ params, session, response }: HttpContext, message: string) {
  session.flash('success', message)
  return response.redirect().toRoute('grants.grants.show', { id: params.id })
}

/** Sub-records of a convention: split, lifecycle, amendments, payments, targets, deadlines. */
export default class GrantItemsController {
  async split(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(v.yearSplitValidator)
    await SetYearSplit.handle(ctx.tenant!, { ...input, grantId: Number(ctx.params.id) })
    return backToGrant(ctx, 'Répartition par exercice enregistrée.')
  }

  async event(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(v.eventValidator)
    await RecordGrantEvent.handle(ctx.tenant!, { ...input, grantId: Number(ctx.params.id) })
    return backToGrant(ctx, 'Étape enregistrée.')
  }

  async amend(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(v.amendmentValidator)
    await AmendGrant.handle(ctx.tenant!, { ...input, grantId: Number(ctx.params.id) })
    return backToGrant(ctx, 'Avenant enregistré.')
  }

  async schedule(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(v.scheduleValidator)
    await AddScheduleLine.handle(ctx.tenant!, { ...input, grantId: Number(ctx.params.id) })
    return backToGrant(ctx, 'Échéance ajoutée.')
  }

  async receipt(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(v.receiptValidator)
    const { matching } = await RecordReceipt.handle(ctx.tenant!, {
      ...input,
      grantId: Number(ctx.params.id),
    })
    if (matching.unmatched) ctx.session.flash('warning', matching.message)
    const said = matching.unmatched ? '' : ` ${matching.message}`
    return backToGrant(ctx, `Versement enregistré.${said}`)
  }

  async target(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(v.targetValidator)
    await AddGrantTarget.handle(ctx.tenant!, { ...input, grantId: Number(ctx.params.id) })
    return backToGrant(ctx, 'Objectif enregistré.')
  }

  async deadline(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(v.deadlineValidator)
    await AddGrantDeadline.handle(ctx.tenant!, { ...input, grantId: Number(ctx.params.id) })
    return backToGrant(ctx, 'Échéance de bilan ajoutée.')
  }

  async allocate(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(v.allocationValidator)
    await AllocateLedgerLine.handle(ctx.tenant!, { ...input, grantId: Number(ctx.params.id) })
    return backToGrant(ctx, 'Ligne du grand livre imputée à la convention.')
  }
}
