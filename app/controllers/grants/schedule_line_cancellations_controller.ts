import type { HttpContext } from '@adonisjs/core/http'
import { cancellationValidator } from '#validators/grants'
import CancelScheduleLine from '#actions/grants/cancel_schedule_line'
import { toConvention } from '#controllers/grants/correction_pages'

/** Cancelling an instalment, with a reason: `POST /financements/echeancier/:id/annulation`. */
export default class ScheduleLineCancellationsController {
  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(cancellationValidator)
    const { line, released } = await CancelScheduleLine.handle(ctx.tenant!, {
      ...input,
      id: Number(ctx.params.id),
    })
    const note = released ? ` ${released} versement(s) ne lui sont plus rapprochés.` : ''
    return toConvention(ctx, line.grantId, `Échéance annulée.${note}`)
  }
}
