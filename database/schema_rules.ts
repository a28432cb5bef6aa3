import { type SchemaRules } from '@adonisjs/lucid/types/schema_generator'

/** Every numeric column is a Decimal in TypeScript (see docs/adr/0002-money.md). */
export default {
  types: {
    decimal: {
      tsType: 'Decimal',
      imports: [
        { source: 'decimal.js', namedImports: ['Decimal'] },
        { source: '#support/decimal_column', namedImports: ['decimalColumn'] },
      ],
      decorators: [{ name: '@decimalColumn' }],
    },
  },
  columns: {
    roles: { tsType: 'string[]', imports: [], decorators: [{ name: '@column' }] },
    // ledger_versions.txid (xid8): node-pg reads it as text.
    txid: { tsType: 'string', imports: [], decorators: [{ name: '@column' }] },
  },
} satisfies SchemaRules
