import { buildWorkbook } from '#support/spreadsheet/writer'
import type { TrainingPlanResult } from '#reports/hr/training_plan'

/** Who cancelled a record and why, as one cell. */
const cancellation = (row: { cancelled_actor: string | null; cancel_reason: string | null }) =>
  row.cancel_reason ? `Annulé par ${row.cancelled_actor} : ${row.cancel_reason}` : ''

/** The training plan's actions, sessions and financing requests (no names). */
export function trainingPlanWorkbook(plan: TrainingPlanResult) {
  return buildWorkbook([
    {
      name: 'Actions de formation',
      columns: [
        { header: 'Action', key: 'title', type: 'text', width: 50 },
        { header: 'Organisme', key: 'provider', type: 'text' },
        { header: 'Nature', key: 'kindLabel', type: 'text' },
        { header: 'Sessions', key: 'sessions', type: 'integer' },
        { header: 'Participations', key: 'participants', type: 'integer' },
        { header: 'Jours', key: 'days', type: 'number', decimals: 1 },
        { header: 'Coûts', key: 'cost', type: 'money' },
        { header: 'Financements demandés', key: 'expected', type: 'money' },
        { header: 'Financements reçus', key: 'received', type: 'money' },
        { header: 'Annulation', key: 'cancellation', type: 'text', width: 40 },
      ],
      rows: plan.actions.map((a) => ({ ...a, cancellation: cancellation(a) })),
    },
    {
      name: 'Sessions',
      columns: [
        { header: 'Action', key: 'title', type: 'text', width: 50 },
        { header: 'Début', key: 'start_date', type: 'date' },
        { header: 'Fin', key: 'end_date', type: 'date' },
        { header: 'Lieu', key: 'place', type: 'text' },
        { header: 'Annulation', key: 'cancellation', type: 'text', width: 40 },
      ],
      rows: plan.sessions.map((s) => ({ ...s, cancellation: cancellation(s) })),
    },
    {
      name: 'Financements',
      columns: [
        { header: 'Action', key: 'title', type: 'text', width: 50 },
        { header: 'Financeur', key: 'funderLabel', type: 'text' },
        { header: 'Mode', key: 'modeLabel', type: 'text' },
        { header: 'Demandé le', key: 'requested_on', type: 'date' },
        { header: 'Demandé', key: 'amount_expected', type: 'money' },
        { header: 'Reçu le', key: 'received_on', type: 'date' },
        { header: 'Reçu', key: 'amount_received', type: 'money' },
        { header: 'Reste dû', key: 'outstanding', type: 'money' },
        { header: 'Annulation', key: 'cancellation', type: 'text', width: 40 },
      ],
      rows: plan.financing.map((f) => ({ ...f, cancellation: cancellation(f) })),
    },
  ])
}
