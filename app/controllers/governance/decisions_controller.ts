import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Meeting from '#models/governance/meeting'
import Resolution from '#models/governance/resolution'
import { attendanceValidator, resolutionValidator, votesValidator } from '#validators/governance'
import { addResolution, recordAttendance, recordVotes } from '#actions/governance/meetings'
import { recordResolutionResult } from '#actions/governance/record_resolution_result'
import { GovernanceRuleError, underRules } from '#models/governance/rule_error'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Runs `change` under the governance rules, in a transaction holding row `id` of `model` locked. */
function changeLocked<Model extends LucidModel, T>(
  model: Model,
  id: number | string,
  change: (row: InstanceType<Model>, trx: TransactionClientContract) => Promise<T>
) {
  return underRules(() =>
    db.transaction(async (trx) => {
      const row = await model.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
      return change(row, trx)
    })
  )
}

/** Attendance, resolutions, votes and results of a meeting: each a recorded, audited change. */
export default class DecisionsController {
  async attendance({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(attendanceValidator)
    await changeLocked(Meeting, params.id, (meeting, trx) =>
      recordAttendance(
        meeting,
        Number(params.attendanceId),
        payload.status,
        payload.proxyToId ?? null,
        trx
      )
    )
    session.flash('success', 'Présence enregistrée.')
    return response.redirect(`/gouvernance/seances/${params.id}#presences`)
  }

  async resolution({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(resolutionValidator)
    await changeLocked(Meeting, params.id, (meeting, trx) =>
      addResolution(meeting, { ...payload, fiscalYearId: payload.fiscalYearId ?? null }, trx)
    )
    session.flash('success', 'Résolution ajoutée.')
    return response.redirect(`/gouvernance/seances/${params.id}#resolutions`)
  }

  async votes({ params, request, response, session }: HttpContext) {
    const payload = await request.validateUsing(votesValidator)
    // Keys are "m<attendance id>": numeric keys would be parsed as a sparse array.
    const choices = Object.entries(payload.choices ?? {})
      .filter(([, choice]) => choice)
      .map(([key, choice]) => ({ attendanceId: Number(key.replace(/^m/, '')), choice }))
    const meetingId = await changeLocked(Resolution, params.id, async (resolution, trx) => {
      if (!choices.length) throw new GovernanceRuleError('Aucun vote saisi.')
      await recordVotes(resolution, choices, trx)
      return resolution.meetingId
    })
    session.flash('success', `${choices.length} vote(s) enregistré(s).`)
    return response.redirect(`/gouvernance/seances/${meetingId}#resolution-${params.id}`)
  }

  async result({ params, response, session }: HttpContext) {
    const resolution = await changeLocked(Resolution, params.id, async (row, trx) => {
      await recordResolutionResult(row, trx)
      return row
    })
    session.flash(
      'success',
      `Résolution « ${resolution.title} » : ${resolution.resultLabel.toLowerCase()}.`
    )
    return response.redirect(
      `/gouvernance/seances/${resolution.meetingId}#resolution-${resolution.id}`
    )
  }
}
