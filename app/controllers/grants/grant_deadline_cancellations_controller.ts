import type { HttpContext } from '@adonisjs/core/http'
import { cancellationValidator } from '#validators/grants'
import CancelGrantDeadline from '#actions/grants/cancel_grant_deadline'
import { toConvention } from '#controllers/grants/correction_pages'

/** Cancelling a reporting deadline, with a reason: `POST /financements/echeances/:id/annulation`. */
export default class GrantDeadlineCancellationsController {
  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(cancellationValidator)
    const deadline = await CancelGrantDeadline.handle(ctx.tenant!, {
      ...input,
      id: Number(ctx.params.id),
    })
    return toConvention(ctx, deadline.grantId, 'Échéance de bilan annulée.')
  }
}
