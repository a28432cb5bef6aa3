import type { HttpContext } from '@adonisjs/core/http'
import { trainingCancellationValidator } from '#validators/hr'
import CancelTrainingRecord from '#actions/hr/cancel_training_record'
import type { TrainingRecordKind } from '#actions/hr/training_records'

const DONE: Record<TrainingRecordKind, string> = {
  action: 'Action de formation annulée : elle reste dans la liste, barrée, hors des totaux.',
  session: 'Session annulée : elle reste dans la liste, barrée, hors des totaux.',
  participation: 'Participation annulée : elle reste dans la fiche, barrée, hors des totaux.',
  financing: 'Financement annulé : il reste dans la liste, barré, hors des totaux.',
}

async function cancel<K extends TrainingRecordKind>(ctx: HttpContext, kind: K) {
  const input = await ctx.request.validateUsing(trainingCancellationValidator)
  const row = await CancelTrainingRecord.handle(ctx.tenant!, {
    ...input,
    kind,
    id: Number(ctx.params.id),
  })
  ctx.session.flash('success', DONE[kind])
  return row
}

async function cancelFromPlan(ctx: HttpContext, kind: 'action' | 'session' | 'financing') {
  await cancel(ctx, kind)
  return ctx.response.redirect().toRoute('hr.training_plan')
}

/** Cancelling a training record with a reason: `POST /rh/formation/…/:id/annulation` (hr.write). */
export default class TrainingCancellationsController {
  async action(ctx: HttpContext) {
    return cancelFromPlan(ctx, 'action')
  }

  async session(ctx: HttpContext) {
    return cancelFromPlan(ctx, 'session')
  }

  /** A participation is cancelled from the employee's page, and the answer goes back there. */
  async participation(ctx: HttpContext) {
    const { employeeId } = await cancel(ctx, 'participation')
    return ctx.response.redirect().toRoute('hr.personal.employees.show', { id: employeeId })
  }

  async financing(ctx: HttpContext) {
    return cancelFromPlan(ctx, 'financing')
  }
}
