import { buildWorkbook } from '#support/spreadsheet/writer'
import type { TrainingPlanResult } from '#reports/hr/training_plan'
import { col } from '#support/spreadsheet/columns'

/** Who cancelled a record and why, as one cell. */
const cancellation = (row: { cancelled_actor: string | null; cancel_reason: string | null }) =>
  row.cancel_reason ? `Annulé par ${row.cancelled_actor} : ${row.cancel_reason}` : ''

/** The training plan's actions, sessions and financing requests (no names). */
export function trainingPlanWorkbook(plan: TrainingPlanResult) {
  return buildWorkbook([
    {
      name: 'Actions de formation',
      columns: [
        col.text('Action', 'title', 50),
        col.text('Organisme', 'provider'),
        col.text('Nature', 'kindLabel'),
        col.integer('Sessions', 'sessions'),
        col.integer('Participations', 'participants'),
        col.number('Jours', 'days', 1),
        col.money('Coûts', 'cost'),
        col.money('Financements demandés', 'expected'),
        col.money('Financements reçus', 'received'),
        col.text('Annulation', 'cancellation', 40),
      ],
      rows: plan.actions.map((a) => ({ ...a, cancellation: cancellation(a) })),
    },
    {
      name: 'Sessions',
      columns: [
        col.text('Action', 'title', 50),
        col.date('Début', 'start_date'),
        col.date('Fin', 'end_date'),
        col.text('Lieu', 'place'),
        col.text('Annulation', 'cancellation', 40),
      ],
      rows: plan.sessions.map((s) => ({ ...s, cancellation: cancellation(s) })),
    },
    {
      name: 'Financements',
      columns: [
        col.text('Action', 'title', 50),
        col.text('Financeur', 'funderLabel'),
        col.text('Mode', 'modeLabel'),
        col.date('Demandé le', 'requested_on'),
        col.money('Demandé', 'amount_expected'),
        col.date('Reçu le', 'received_on'),
        col.money('Reçu', 'amount_received'),
        col.money('Reste dû', 'outstanding'),
        col.text('Annulation', 'cancellation', 40),
      ],
      rows: plan.financing.map((f) => ({ ...f, cancellation: cancellation(f) })),
    },
  ])
}
