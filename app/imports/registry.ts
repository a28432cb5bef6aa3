import type { ImportDefinition } from '#imports/core/pipeline'

/**
 * Every spreadsheet import of the application, by kind. A domain adds one line here; the
 * generic screens under /imports/:kind then offer upload, template, preview and commit.
 */
const definitions: Record<string, () => Promise<{ default: ImportDefinition<unknown> }>> = {
  'activite': () => import('#imports/activity/indicator_values'),
  'comptabilite.budget': () => import('#imports/accounting/budget_lines'),
  'rapport-publie': () => import('#imports/reconciliation/published_report'),
  'quality.referential': () => import('#imports/quality/referential'),
  'rh.salaries': () => import('#imports/hr/staff_list'),
  'rh.temps': () => import('#imports/hr/timesheets'),
}

export const importKinds = () => Object.keys(definitions)

export async function findImport(kind: string): Promise<ImportDefinition<unknown> | null> {
  const load = definitions[kind]
  return load ? (await load()).default : null
}
