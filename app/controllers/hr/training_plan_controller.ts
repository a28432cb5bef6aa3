import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import TrainingAction from '#models/hr/training_action'
import TrainingSession from '#models/hr/training_session'
import TrainingCostLine from '#models/hr/training_cost_line'
import TrainingFinancingLine from '#models/hr/training_financing_line'
import TrainingParticipant from '#models/hr/training_participant'
import Employee from '#models/hr/employee'
import { trainingPlan } from '#reports/hr/training_plan'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { sendWorkbook } from '#http/downloads'
import { ConflictError, RuleError } from '#support/domain_errors'
import {
  trainingActionValidator,
  trainingSessionValidator,
  trainingCostValidator,
  trainingFinancingValidator,
  participationValidator,
} from '#validators/hr'

const day = (d: Date) => DateTime.fromJSDate(d)

/** Training actions, sessions, cost and financing lines; participations (hr.write). */
export default class TrainingPlanController {
  async index({ view, auth }: HttpContext) {
    const plan = await trainingPlan(auth.user!.organisationId)
    return view.render('pages/hr/training_plan', {
      plan,
      breadcrumbs: [
        { label: 'Ressources humaines', href: '/rh' },
        { label: 'Actions de formation' },
      ],
    })
  }

  async export({ response, auth }: HttpContext) {
    const plan = await trainingPlan(auth.user!.organisationId)
    const workbook = await buildWorkbook([
      {
        name: 'Actions de formation',
        columns: [
          { header: 'Action', key: 'title', type: 'text', width: 50 },
          { header: 'Organisme', key: 'provider', type: 'text' },
          { header: 'Nature', key: 'kind', type: 'text' },
          { header: 'Sessions', key: 'sessions', type: 'integer' },
          { header: 'Participations', key: 'participants', type: 'integer' },
          { header: 'Jours', key: 'days', type: 'number', decimals: 1 },
          { header: 'Coûts', key: 'cost', type: 'money' },
          { header: 'Financements demandés', key: 'expected', type: 'money' },
          { header: 'Financements reçus', key: 'received', type: 'money' },
        ],
        rows: plan.actions,
      },
    ])
    return sendWorkbook(response, 'actions-de-formation.xlsx', workbook)
  }

  private async save(
    ctx: HttpContext,
    work: (trx: any) => Promise<unknown>,
    done: string,
    back = '/rh/formation/actions'
  ) {
    await db.transaction(work)
    ctx.session.flash('success', done)
    return ctx.response.redirect(back)
  }

  async storeAction(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(trainingActionValidator)
    return this.save(
      ctx,
      (trx) =>
        TrainingAction.create(
          { title: p.title, provider: p.provider ?? null, kind: p.kind } as any,
          { client: trx }
        ),
      'Action de formation créée.'
    )
  }

  async storeSession(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(trainingSessionValidator)
    await TrainingAction.findOrFail(p.trainingActionId)
    return this.save(
      ctx,
      (trx) =>
        TrainingSession.create(
          {
            trainingActionId: p.trainingActionId,
            startDate: day(p.startDate),
            endDate: day(p.endDate),
            place: p.place ?? null,
          } as any,
          { client: trx }
        ),
      'Session créée.'
    )
  }

  async storeCost(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(trainingCostValidator)
    await TrainingAction.findOrFail(p.trainingActionId)
    return this.save(
      ctx,
      (trx) =>
        TrainingCostLine.create(
          {
            trainingActionId: p.trainingActionId,
            kind: p.kind,
            incurredOn: day(p.incurredOn),
            amount: p.amount.toFixed(2),
          } as any,
          { client: trx }
        ),
      'Coût enregistré.'
    )
  }

  async storeFinancing(ctx: HttpContext) {
    const p = await ctx.request.validateUsing(trainingFinancingValidator)
    await TrainingAction.findOrFail(p.trainingActionId)
    if ((p.funder === 'uniformation') !== Boolean(p.mode)) {
      throw new RuleError(
        'Le mode de financement est obligatoire pour Uniformation, et seulement pour elle.',
        { field: 'mode' }
      )
    }
    return this.save(
      ctx,
      (trx) =>
        TrainingFinancingLine.create(
          {
            trainingActionId: p.trainingActionId,
            funder: p.funder,
            mode: p.funder === 'uniformation' ? p.mode : null,
            requestedOn: day(p.requestedOn),
            amountExpected: p.amountExpected.toFixed(2),
            amountReceived: (p.amountReceived ?? 0).toFixed(2),
            receivedOn: p.receivedOn ? day(p.receivedOn) : null,
          } as any,
          { client: trx }
        ),
      'Financement enregistré.'
    )
  }

  async storeParticipation(ctx: HttpContext) {
    const employee = await Employee.findOrFail(ctx.params.id)
    const p = await ctx.request.validateUsing(participationValidator)
    await TrainingSession.findOrFail(p.trainingSessionId)
    const exists = await TrainingParticipant.query()
      .where('training_session_id', p.trainingSessionId)
      .where('employee_id', employee.id)
      .first()
    if (exists) {
      throw new ConflictError('Ce salarié est déjà inscrit à cette session.', {
        field: 'trainingSessionId',
      })
    }
    return this.save(
      ctx,
      (trx) =>
        TrainingParticipant.create(
          {
            trainingSessionId: p.trainingSessionId,
            employeeId: employee.id,
            days: p.days.toFixed(2),
            hours: (p.hours ?? p.days * 7).toFixed(2),
          } as any,
          { client: trx }
        ),
      'Participation enregistrée.',
      `/rh/salaries/${employee.id}`
    )
  }
}
