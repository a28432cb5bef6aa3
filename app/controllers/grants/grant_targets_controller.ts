import type { HttpContext } from '@adonisjs/core/http'
import { targetUpdateValidator } from '#validators/grants'
import UpdateGrantTarget from '#actions/grants/update_grant_target'
import { correctionPage, toConvention } from '#controllers/grants/correction_pages'

/** An activity target, corrected while no report sent has accounted for it. */
export default class GrantTargetsController {
  edit(ctx: HttpContext) {
    return correctionPage(ctx, 'target')
  }

  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(targetUpdateValidator)
    const target = await UpdateGrantTarget.handle(ctx.tenant!, {
      ...input,
      id: Number(ctx.params.id),
    })
    return toConvention(ctx, target.grantId, 'Objectif corrigé.')
  }
}
