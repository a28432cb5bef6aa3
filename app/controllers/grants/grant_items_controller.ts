import type { HttpContext } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import type { Infer, SchemaTypes } from '@vinejs/vine/types'
import type { Tenant } from '#support/request_context'
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

/**
 * Records a sub-record of the convention from its form (validated, then the action given the
 * convention's id), then back to its page saying so.
 */
function recorded<Schema extends SchemaTypes>(
  // `vine.create`'s metadata type, which VineJS writes with `any`.
  validator: VineValidator<Schema, Record<string, any> | undefined>,
  action: { handle(tenant: Tenant, input: Infer<Schema> & { grantId: number }): Promise<unknown> },
  message: string
) {
  return async (ctx: HttpContext) => {
    const input = await ctx.request.validateUsing(validator)
    await action.handle(ctx.tenant!, { ...input, grantId: Number(ctx.params.id) })
    return backToGrant(ctx, message)
  }
}

/** Sub-records of a convention: split, lifecycle, amendments, payments, targets, deadlines. */
export default class GrantItemsController {
  split = recorded(v.yearSplitValidator, SetYearSplit, 'Répartition par exercice enregistrée.')
  event = recorded(v.eventValidator, RecordGrantEvent, 'Étape enregistrée.')
  amend = recorded(v.amendmentValidator, AmendGrant, 'Avenant enregistré.')
  schedule = recorded(v.scheduleValidator, AddScheduleLine, 'Échéance ajoutée.')
  target = recorded(v.targetValidator, AddGrantTarget, 'Objectif enregistré.')
  deadline = recorded(v.deadlineValidator, AddGrantDeadline, 'Échéance de bilan ajoutée.')
  allocate = recorded(
    v.allocationValidator,
    AllocateLedgerLine,
    'Ligne du grand livre imputée à la convention.'
  )

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
}
