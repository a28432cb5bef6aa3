import type { HttpContext } from '@adonisjs/core/http'
import { cancellationValidator } from '#validators/grants'
import CancelGrantEvent from '#actions/grants/cancel_grant_event'
import { toConvention } from '#controllers/grants/correction_pages'
import { GRANT_STATUSES } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

/** Cancelling the last lifecycle step, with a reason: `POST /financements/etapes/:id/annulation`. */
export default class GrantStepCancellationsController {
  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(cancellationValidator)
    const { step, reopened, status } = await CancelGrantEvent.handle(ctx.tenant!, {
      ...input,
      id: Number(ctx.params.id),
    })
    const note = reopened ? ` ${reopened} échéance(s) de bilan sont de nouveau à faire.` : ''
    return toConvention(
      ctx,
      step.grantId,
      `Étape annulée : la convention est de nouveau « ${labelOf(GRANT_STATUSES, status)} ».${note}`
    )
  }
}
