import type { AxisProgress } from '#reports/quality/plan_progress'
import type StrategicAction from '#models/quality/strategic_action'
import type WorkingGroup from '#models/quality/working_group'
import { AXIS_KINDS } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'

/** An axis's or an action's milestones. */
const milestones = col.integer('Jalons', 'milestones')

const axisColumns: ColumnSpec[] = [
  col.integer('N°', 'position', 6),
  col.text('Axe', 'title', 60),
  col.text('Type', 'kindLabel', 16),
  col.integer('Actions', 'actions'),
  col.integer('Réalisées', 'actionsDone'),
  col.integer('Abandonnées', 'actionsAbandoned'),
  col.percent('Avancement', 'progress'),
  milestones,
  col.integer('Jalons atteints', 'milestonesReached'),
  col.integer('Critères liés', 'criteria'),
  col.integer('Critères validés', 'criteriaValidated'),
]

const actionColumns: ColumnSpec[] = [
  col.integer('Axe', 'axis', 6),
  col.text('Action', 'title', 60),
  col.text('Responsable', 'owner'),
  col.text('Statut', 'status', 14),
  col.date('Échéance', 'dueDate'),
  milestones,
  col.integer('Jalons atteints', 'reached'),
]

const memberColumns: ColumnSpec[] = [
  col.text('Groupe de travail', 'group', 50),
  col.text('Axe', 'axis', 50),
  col.text('Membre', 'member', 30),
  col.text('Rôle', 'role', 20),
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
