import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import pg from 'pg'
import { connectionSlot } from '#support/database_server'

// Calendar dates stay 'YYYY-MM-DD' strings: node-pg would turn them into local-midnight Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

const dbConfig = defineConfig({
  connection: 'postgres',
  prettyPrintDebugQueries: true,
  connections: {
    postgres: {
      client: 'pg',
      // Filled in by SocleProvider.boot once the server is reached (or the embedded one started):
      // commands that do not boot the app (`node ace list`) never start a cluster.
      connection: connectionSlot,
      pool: { min: 0, max: app.inTest ? 20 : 10 },
      migrations: { naturalSort: true, paths: ['database/migrations'] },
      // numeric columns become Decimal in the generated schema classes
      schemaGeneration: { rulesPaths: ['#database/schema_rules'] },
      debug: false,
    },
  },
})

export default dbConfig
