import type { HttpContext } from '@adonisjs/core/http'
import { cancellationValidator } from '#validators/grants'
import CancelReceipt from '#actions/grants/cancel_receipt'
import { toConvention } from '#controllers/grants/correction_pages'

/** Cancelling a receipt, with a reason: `POST /financements/recus/:id/annulation`. */
export default class ReceiptCancellationsController {
  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(cancellationValidator)
    const { receipt, released } = await CancelReceipt.handle(ctx.tenant!, {
      ...input,
      id: Number(ctx.params.id),
    })
    const note = released
      ? ` Les ${released} échéance(s) qu'il payait sont de nouveau ouvertes.`
      : ''
    return toConvention(ctx, receipt.grantId, `Versement annulé.${note}`)
  }
}
