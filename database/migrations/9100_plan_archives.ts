import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Items of the strategic plan (axes, working groups, actions, milestones) are edited and deleted,
 * or archived when something hangs on them (issue #15): an archived item stays, shown apart and
 * struck out, and counts in no progress figure.
 */
const TABLES = ['strategic_axes', 'working_groups', 'strategic_actions', 'action_milestones']

export default class extends BaseSchema {
  async up() {
    for (const table of TABLES) {
      this.schema.alterTable(table, (t) => {
        t.timestamp('archived_at', { useTz: true }).nullable()
      })
    }
  }

  async down() {
    for (const table of TABLES) {
      this.schema.alterTable(table, (t) => {
        t.dropColumn('archived_at')
      })
    }
  }
}
