import type { HttpContext } from '@adonisjs/core/http'
import { receiptUpdateValidator } from '#validators/grants'
import UpdateReceipt from '#actions/grants/update_receipt'
import { correctionPage, toConvention } from '#controllers/grants/correction_pages'

/** A receipt, corrected while matched neither to an instalment nor to a bank line. */
export default class ReceiptsController {
  edit(ctx: HttpContext) {
    return correctionPage(ctx, 'receipt')
  }

  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(receiptUpdateValidator)
    const { receipt, matching } = await UpdateReceipt.handle(ctx.tenant!, {
      ...input,
      id: Number(ctx.params.id),
    })
    const message = `Versement corrigé. ${matching.unmatched ? '' : matching.message}`.trim()
    return toConvention(
      ctx,
      receipt.grantId,
      message,
      matching.unmatched ? matching.message : undefined
    )
  }
}
