import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { calendarDate, frenchAmount, labelled, recordId } from '#validators/rules'
import { codesOf } from '#vocabulary/labels'
import { RECURRENCES, REDUCTION_KINDS } from '#vocabulary/treasury'

const version = () => vine.number().withoutDecimals().min(1).optional()

/** A manual item of the forecast: signed amount (positive comes in), once or monthly. */
export const manualItemValidator = vine.create({
  label: vine.string().trim().minLength(1).maxLength(200),
  dueOn: calendarDate(),
  amount: frenchAmount({ positive: false, nonZero: true }),
  recurrence: vine.enum(codesOf(RECURRENCES)),
  endsOn: calendarDate().optional(),
  version: version(),
})
export type ManualItemInput = Infer<typeof manualItemValidator>
manualItemValidator.messagesProvider = labelled({
  label: 'libellé',
  dueOn: 'date',
  amount: 'montant',
  recurrence: 'récurrence',
  endsOn: 'dernière échéance',
})

/** The board's threshold; empty removes it. */
export const thresholdValidator = vine.create({
  threshold: frenchAmount({ positive: false }).optional(),
  version: version(),
})
export type ThresholdInput = Infer<typeof thresholdValidator>
thresholdValidator.messagesProvider = labelled({ threshold: 'seuil' })

/**
 * A scenario in the forecast page's query string: a funder paying `retard` more days late, an
 * instalment (`echeance`) reduced by `reduction` (an amount, or a percentage with
 * `type=pourcentage`).
 */
export const scenarioValidator = vine.create({
  financeur: recordId().optional(),
  retard: vine.number().withoutDecimals().range([-366, 1096]).optional(),
  echeance: recordId().optional(),
  reduction: frenchAmount().optional(),
  type: vine.enum(codesOf(REDUCTION_KINDS)).optional(),
})
export type ScenarioQuery = Infer<typeof scenarioValidator>
scenarioValidator.messagesProvider = labelled({
  financeur: 'financeur',
  retard: 'retard (jours)',
  echeance: 'échéance',
  reduction: 'réduction',
  type: 'type de réduction',
})
