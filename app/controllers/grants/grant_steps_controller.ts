import type { HttpContext } from '@adonisjs/core/http'
import { eventUpdateValidator } from '#validators/grants'
import UpdateGrantEvent from '#actions/grants/update_grant_event'
import { correctionPage, toConvention } from '#controllers/grants/correction_pages'

/** A lifecycle step: its date and note, corrected while it fulfilled no deadline. */
export default class GrantStepsController {
  edit(ctx: HttpContext) {
    return correctionPage(ctx, 'event')
  }

  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(eventUpdateValidator)
    const step = await UpdateGrantEvent.handle(ctx.tenant!, { ...input, id: Number(ctx.params.id) })
    return toConvention(ctx, step.grantId, 'Étape corrigée.')
  }
}
