import type { AxisProgress } from '#reports/quality/plan_progress'
import type StrategicAction from '#models/quality/strategic_action'
import { AXIS_KIND_LABELS, type AxisKind } from '#models/quality/labels'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'

const axisColumns: ColumnSpec[] = [
  { header: 'N°', key: 'position', type: 'integer', width: 6 },
  { header: 'Axe', key: 'title', type: 'text', width: 60 },
  { header: 'Type', key: 'kindLabel', type: 'text', width: 16 },
  { header: 'Actions', key: 'actions', type: 'integer' },
  { header: 'Réalisées', key: 'actionsDone', type: 'integer' },
  { header: 'Abandonnées', key: 'actionsAbandoned', type: 'integer' },
  { header: 'Avancement', key: 'progress', type: 'percent' },
  { header: 'Jalons', key: 'milestones', type: 'integer' },
  { header: 'Jalons atteints', key: 'milestonesReached', type: 'integer' },
  { header: 'Critères liés', key: 'criteria', type: 'integer' },
  { header: 'Critères validés', key: 'criteriaValidated', type: 'integer' },
]

const actionColumns: ColumnSpec[] = [
  { header: 'Axe', key: 'axis', type: 'integer', width: 6 },
  { header: 'Action', key: 'title', type: 'text', width: 60 },
  { header: 'Responsable', key: 'owner', type: 'text' },
  { header: 'Statut', key: 'status', type: 'text', width: 14 },
  { header: 'Échéance', key: 'dueDate', type: 'date' },
  { header: 'Jalons', key: 'milestones', type: 'integer' },
  { header: 'Jalons atteints', key: 'reached', type: 'integer' },
]

export function planWorkbook(progress: AxisProgress[], actions: StrategicAction[]) {
  const positions = new Map(progress.map((axis) => [axis.axisId, axis.position]))
  return buildWorkbook([
    {
      name: 'Axes',
      columns: axisColumns,
      rows: progress.map((axis) => ({
        ...axis,
        kindLabel: AXIS_KIND_LABELS[axis.kind as AxisKind],
      })),
    },
    {
      name: 'Actions',
      columns: actionColumns,
      rows: actions.map((action) => ({
        axis: positions.get(action.axisId) ?? null,
        title: action.title,
        owner: action.ownerLabel,
        status: action.statusLabel,
        dueDate: action.dueDate,
        milestones: action.milestones.length,
        reached: action.milestones.filter((m) => m.reachedOn).length,
      })),
    },
  ])
}
