import type { HttpContext } from '@adonisjs/core/http'
import { scheduleUpdateValidator } from '#validators/grants'
import UpdateScheduleLine from '#actions/grants/update_schedule_line'
import { correctionPage, toConvention } from '#controllers/grants/correction_pages'

/** An instalment of a convention's schedule, corrected while no receipt is matched to it. */
export default class ScheduleLinesController {
  edit(ctx: HttpContext) {
    return correctionPage(ctx, 'schedule')
  }

  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(scheduleUpdateValidator)
    const line = await UpdateScheduleLine.handle(ctx.tenant!, {
      ...input,
      id: Number(ctx.params.id),
    })
    return toConvention(ctx, line.grantId, 'Échéance corrigée.')
  }
}
