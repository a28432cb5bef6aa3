import { buildWorkbook } from '#support/spreadsheet/writer'
import type { TrainingPlanResult } from '#reports/hr/training_plan'

/** The training plan's actions, one row each (no names). */
export function trainingPlanWorkbook(plan: TrainingPlanResult) {
  return buildWorkbook([
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
      rows: plan.actions.map((a) => ({ ...a })),
    },
  ])
}
