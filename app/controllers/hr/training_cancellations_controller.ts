import type { HttpContext } from '@adonisjs/core/http'
import { trainingCancellationValidator } from '#validators/hr'
import CancelTrainingRecord from '#actions/hr/cancel_training_record'
import type { TrainingRecordKind } from '#actions/hr/training_records'
import type TrainingParticipant from '#models/hr/training_participant'

const DONE: Record<TrainingRecordKind, string> = {
  action: 'Action de formation annulée : elle reste dans la liste, barrée, hors des totaux.',
  session: 'Session annulée : elle reste dans la liste, barrée, hors des totaux.',
  participation: 'Participation annulée : elle reste dans la fiche, barrée, hors des totaux.',
  financing: 'Financement annulé : il reste dans la liste, barré, hors des totaux.',
}

async function cancel(ctx: HttpContext, kind: TrainingRecordKind) {
  const input = await ctx.request.validateUsing(trainingCancellationValidator)
  const row = await CancelTrainingRecord.handle(ctx.tenant!, {
    ...input,
    kind,
    id: Number(ctx.params.id),
  })
  ctx.session.flash('success', DONE[kind])
  if (kind === 'participation') {
    const { employeeId } = row as TrainingParticipant
    return ctx.response.redirect().toRoute('hr.personal.employees.show', { id: employeeId })
  }
  return ctx.response.redirect().toRoute('hr.training_plan')
}

/** Cancelling a training record with a reason: `POST /rh/formation/…/:id/annulation` (hr.write). */
export default class TrainingCancellationsController {
  async action(ctx: HttpContext) {
    return cancel(ctx, 'action')
  }

  async session(ctx: HttpContext) {
    return cancel(ctx, 'session')
  }

  async participation(ctx: HttpContext) {
    return cancel(ctx, 'participation')
  }

  async financing(ctx: HttpContext) {
    return cancel(ctx, 'financing')
  }
}
