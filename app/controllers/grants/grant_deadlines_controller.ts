import type { HttpContext } from '@adonisjs/core/http'
import { deadlineUpdateValidator } from '#validators/grants'
import UpdateGrantDeadline from '#actions/grants/update_grant_deadline'
import { correctionPage, toConvention } from '#controllers/grants/correction_pages'

/** A reporting deadline, corrected while it is not done. */
export default class GrantDeadlinesController {
  edit(ctx: HttpContext) {
    return correctionPage(ctx, 'deadline')
  }

  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(deadlineUpdateValidator)
    const deadline = await UpdateGrantDeadline.handle(ctx.tenant!, {
      ...input,
      id: Number(ctx.params.id),
    })
    return toConvention(ctx, deadline.grantId, 'Échéance de bilan corrigée.')
  }
}
