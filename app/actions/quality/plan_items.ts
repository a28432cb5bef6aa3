import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import StrategicAxis from '#models/quality/strategic_axis'
import WorkingGroup from '#models/quality/working_group'
import StrategicAction from '#models/quality/strategic_action'
import ActionMilestone from '#models/quality/action_milestone'
import type { PlanItemKind } from '#vocabulary/quality'

type PlanItem = StrategicAxis | WorkingGroup | StrategicAction | ActionMilestone

interface PlanItemDefinition {
  /** The item of this kind, of the acting organisation, locked for the change. */
  find(id: number, t: TransactionClientContract): Promise<PlanItem>
  name(item: PlanItem): string
  /** What hangs on the item, in French; empty when it can be deleted. */
  links(item: PlanItem, t: TransactionClientContract): Promise<string[]>
}

const count = async (t: TransactionClientContract, table: string, column: string, id: number) => {
  const row = await t.from(table).where(column, id).count('* as n').first()
  return Number(row?.n ?? 0)
}

/** Label of "n things", or nothing when there are none. */
const some = (n: number, one: string, many: string) =>
  n === 0 ? [] : [n === 1 ? one : `${n} ${many}`]

/**
 * The four kinds of items of the strategic plan, and what makes each one linked: an axis with
 * actions, working groups or criteria; a group with members; an action with milestones; a
 * milestone once reached (a trace of what was done). A linked item is archived, not deleted.
 */
export const PLAN_ITEMS: Record<PlanItemKind, PlanItemDefinition> = {
  axis: {
    find: (id, t) => StrategicAxis.query({ client: t }).where('id', id).forUpdate().firstOrFail(),
    name: (item) => `l’axe « ${(item as StrategicAxis).title} »`,
    async links(item, t) {
      return [
        ...some(await count(t, 'strategic_actions', 'axis_id', item.id), 'une action', 'actions'),
        ...some(
          await count(t, 'working_groups', 'axis_id', item.id),
          'un groupe de travail',
          'groupes de travail'
        ),
        ...some(
          await count(t, 'axis_criteria', 'axis_id', item.id),
          'un critère lié',
          'critères liés'
        ),
      ]
    },
  },
  working_group: {
    find: (id, t) => WorkingGroup.query({ client: t }).where('id', id).forUpdate().firstOrFail(),
    name: (item) => `le groupe « ${(item as WorkingGroup).name} »`,
    async links(item, t) {
      return some(
        await count(t, 'working_group_members', 'working_group_id', item.id),
        'un membre',
        'membres'
      )
    },
  },
  action: {
    find: (id, t) => StrategicAction.query({ client: t }).where('id', id).forUpdate().firstOrFail(),
    name: (item) => `l’action « ${(item as StrategicAction).title} »`,
    async links(item, t) {
      return some(await count(t, 'action_milestones', 'action_id', item.id), 'un jalon', 'jalons')
    },
  },
  milestone: {
    find: (id, t) => ActionMilestone.query({ client: t }).where('id', id).forUpdate().firstOrFail(),
    name: (item) => `le jalon « ${(item as ActionMilestone).title} »`,
    async links(item) {
      return (item as ActionMilestone).reachedOn ? ['il a été atteint'] : []
    },
  },
}
