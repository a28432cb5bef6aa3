import { BaseSchema } from '@adonisjs/lucid/schema'
import { assertBalanced, linesInserted } from '#database/sql/ledger'

/**
 * The set-based ledger checks of migration 1000 (ADR 6), rewritten so that their plan cannot
 * degrade with the size of the ledger (docs/adr/0011-fec-import-speed.md). Same rules, same
 * messages; only the shape of the queries changes.
 *
 * A transition table has no index. Planned with `LIMIT 1` against a large `entries`, the lines
 * check could choose to scan entries and, for each, the whole batch of new lines: measured on a
 * second 230,000-line import into a database that had held a million lines, one COPY of 10,000
 * lines ran for minutes. Each check now walks its own rows (the new lines, the queued entries)
 * and reaches the ledger through an index for each, inside a LATERAL subquery that OFFSET 0
 * keeps from being flattened: its cost is proportional to the rows checked, whatever the
 * statistics say.
 */
const DRIVEN = `
${linesInserted('driven')}

${assertBalanced('driven')}
`

/** The bodies of migration 1000, restored by down. */
const JOINED = `
${linesInserted('joined')}

${assertBalanced('joined')}
`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(DRIVEN)
  }

  async down() {
    this.schema.raw(JOINED)
  }
}
