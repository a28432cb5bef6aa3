import type { AxisProgress } from '#reports/quality/plan_progress'
import type StrategicAction from '#models/quality/strategic_action'
import type WorkingGroup from '#models/quality/working_group'
import { AXIS_KINDS } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'
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

const memberColumns: ColumnSpec[] = [
  { header: 'Groupe de travail', key: 'group', type: 'text', width: 50 },
  { header: 'Axe', key: 'axis', type: 'text', width: 50 },
  { header: 'Membre', key: 'member', type: 'text', width: 30 },
  { header: 'Rôle', key: 'role', type: 'text', width: 20 },
]

export function planWorkbook(
  progress: AxisProgress[],
  actions: StrategicAction[],
  groups: WorkingGroup[] = []
) {
  const positions = new Map(progress.map((axis) => [axis.axisId, axis.position]))
  return buildWorkbook([
    {
      name: 'Axes',
      columns: axisColumns,
      rows: progress.map((axis) => ({
        ...axis,
        kindLabel: labelOf(AXIS_KINDS, axis.kind),
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
    {
      name: 'Groupes de travail',
      columns: memberColumns,
      rows: groups.flatMap((group) =>
        (group.members.length ? group.members : [null]).map((member) => ({
          group: group.name,
          axis: group.axis?.title ?? null,
          member: member?.displayName ?? null,
          role: member?.role ?? null,
        }))
      ),
    },
  ])
}
