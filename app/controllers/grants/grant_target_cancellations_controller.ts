import type { HttpContext } from '@adonisjs/core/http'
import { cancellationValidator } from '#validators/grants'
import CancelGrantTarget from '#actions/grants/cancel_grant_target'
import { toConvention } from '#controllers/grants/correction_pages'

/** Cancelling an activity target, with a reason: `POST /financements/objectifs/:id/annulation`. */
export default class GrantTargetCancellationsController {
  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(cancellationValidator)
    const target = await CancelGrantTarget.handle(ctx.tenant!, {
      ...input,
      id: Number(ctx.params.id),
    })
    return toConvention(ctx, target.grantId, 'Objectif annulé.')
  }
}
