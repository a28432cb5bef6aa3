import { BaseSchema } from '@adonisjs/lucid/schema'
import { dropVersionTriggers, versionTriggers } from '#database/sql/ledger_versions'

/**
 * The ledger screens' filters name programmes, territories and conventions (with their funder):
 * these tables bump the ledger version too (migration 9950), so that their choices can be kept
 * per version like the figures (LineChoices, docs/adr/0012-page-speed.md).
 */
const TABLES = ['programmes', 'territories', 'grants', 'funders']

export default class extends BaseSchema {
  async up() {
    for (const table of TABLES) this.schema.raw(versionTriggers(table))
  }

  async down() {
    for (const table of TABLES) this.schema.raw(dropVersionTriggers(table))
  }
}
