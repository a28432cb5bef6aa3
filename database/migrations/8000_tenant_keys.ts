import { BaseSchema } from '@adonisjs/lucid/schema'
import { ACTIVITY_VALUE_GUARD } from '#database/sql/activity'

/**
 * One tenant, failing closed (docs/adr/0008-tenant-keys.md): a row can only point at a parent row
 * of its own organisation, and PostgreSQL itself refuses anything else (SQLSTATE 23503).
 *
 * Every foreign key from a tenant table (one with `organisation_id`) to another tenant table
 * becomes composite: `(organisation_id, <column>) REFERENCES parent (organisation_id, id)`, under
 * the same name (French messages are registered by constraint name), with the same ON DELETE /
 * ON UPDATE / DEFERRABLE behaviour; `ON DELETE SET NULL` becomes `SET NULL (<column>)` so that
 * `organisation_id` is never nulled. Each parent gets `UNIQUE (organisation_id, id)`.
 *
 * The definitions are read from pg_catalog, but the set of keys is frozen below: a foreign key
 * the catalogue shows and the list does not (say a later migration numbered in a lower range
 * that adds a single-column key) stops this migration, so that every new key is written
 * composite from the start. `node ace migration:run --dry-run` prints the exact statements.
 * Each rewritten key keeps its former definition in its comment, which `down` restores.
 */
const TENANT_FOREIGN_KEYS = `
account_balances account_balances_account_id_foreign                         -> accounts
account_balances account_balances_closing_id_foreign                         -> fiscal_year_closings
account_balances account_balances_fiscal_year_id_foreign                     -> fiscal_years
account_balances account_balances_programme_id_foreign                       -> programmes
account_balances account_balances_territory_id_foreign                       -> territories
accounts accounts_parent_id_foreign                                          -> accounts
action_milestones action_milestones_action_id_foreign                        -> strategic_actions
attendances attendances_meeting_id_foreign                                   -> meetings
attendances attendances_person_id_foreign                                    -> persons
attendances attendances_proxy_to_id_foreign                                  -> attendances
attendances attendances_seat_id_foreign                                      -> seats
audit_events audit_events_user_id_foreign                                    -> users
axis_criteria axis_criteria_axis_id_foreign                                  -> strategic_axes
axis_criteria axis_criteria_criterion_id_foreign                             -> criteria
budget_lines budget_lines_account_id_foreign                                 -> accounts
budget_lines budget_lines_budget_id_foreign                                  -> budgets
budget_lines budget_lines_programme_id_foreign                               -> programmes
budget_lines budget_lines_statement_line_id_foreign                          -> statement_lines
budget_lines budget_lines_territory_id_foreign                               -> territories
budgets budgets_approved_by_foreign                                          -> users
budgets budgets_fiscal_year_id_foreign                                       -> fiscal_years
budgets budgets_layout_id_foreign                                            -> statement_layouts
contracts contracts_employee_id_foreign                                      -> employees
contracts contracts_job_reference_id_foreign                                 -> job_references
contracts contracts_supersedes_id_foreign                                    -> contracts
criteria criteria_referential_id_foreign                                     -> referentials
criteria criteria_theme_id_foreign                                           -> referential_themes
criterion_assessments criterion_assessments_criterion_id_foreign             -> criteria
criterion_assessments criterion_assessments_owner_id_foreign                 -> users
criterion_status_changes criterion_status_changes_criterion_id_foreign       -> criteria
criterion_status_changes criterion_status_changes_user_id_foreign            -> users
entries entries_created_by_foreign                                           -> users
entries entries_fiscal_year_id_foreign                                       -> fiscal_years
entries entries_import_id_foreign                                            -> imports
entries entries_journal_id_foreign                                           -> journals
entries entries_reversal_of_id_foreign                                       -> entries
entries entries_validated_by_foreign                                         -> users
entry_lines entry_lines_account_id_foreign                                   -> accounts
entry_lines entry_lines_entry_id_foreign                                     -> entries
entry_lines entry_lines_grant_fk                                             -> grants
entry_lines entry_lines_programme_id_foreign                                 -> programmes
entry_lines entry_lines_territory_id_foreign                                 -> territories
evidence_files evidence_files_criterion_id_foreign                           -> criteria
evidence_files evidence_files_uploaded_by_foreign                            -> users
evidence_links evidence_links_created_by_foreign                             -> users
evidence_links evidence_links_criterion_id_foreign                           -> criteria
fiscal_year_closings fiscal_year_closings_closed_by_foreign                  -> users
fiscal_year_closings fiscal_year_closings_fiscal_year_id_foreign             -> fiscal_years
fiscal_year_closings fiscal_year_closings_opening_entry_id_foreign           -> entries
fiscal_year_closings fiscal_year_closings_reopened_by_foreign                -> users
fiscal_years fiscal_years_closed_by_foreign                                  -> users
funders funders_parent_id_foreign                                            -> funders
grant_amendments grant_amendments_grant_id_foreign                           -> grants
grant_amendments grant_amendments_user_id_foreign                            -> users
grant_deadlines grant_deadlines_grant_id_foreign                             -> grants
grant_documents grant_documents_grant_id_foreign                             -> grants
grant_documents grant_documents_user_id_foreign                              -> users
grant_events grant_events_grant_id_foreign                                   -> grants
grant_events grant_events_user_id_foreign                                    -> users
grant_line_allocations grant_line_allocations_entry_line_id_foreign          -> entry_lines
grant_line_allocations grant_line_allocations_grant_id_foreign               -> grants
grant_payment_schedules grant_payment_schedules_grant_id_foreign             -> grants
grant_programmes grant_programmes_grant_id_foreign                           -> grants
grant_programmes grant_programmes_programme_id_foreign                       -> programmes
grant_receipts grant_receipts_entry_line_fk                                  -> entry_lines
grant_receipts grant_receipts_grant_id_foreign                               -> grants
grant_receipts grant_receipts_schedule_id_foreign                            -> grant_payment_schedules
grant_reports grant_reports_grant_id_foreign                                 -> grants
grant_targets grant_targets_grant_id_foreign                                 -> grants
grant_years grant_years_grant_id_foreign                                     -> grants
grants grants_funder_id_foreign                                              -> funders
imports imports_user_id_foreign                                              -> users
indicator_values indicator_values_import_id_foreign                          -> imports
indicator_values indicator_values_indicator_id_foreign                       -> indicators
indicator_values indicator_values_programme_id_foreign                       -> programmes
indicator_values indicator_values_territory_id_foreign                       -> territories
indicator_values indicator_values_user_id_foreign                            -> users
journal_sequences journal_sequences_fiscal_year_id_foreign                   -> fiscal_years
journal_sequences journal_sequences_journal_id_foreign                       -> journals
leaves leaves_employee_id_foreign                                            -> employees
meeting_documents meeting_documents_meeting_id_foreign                       -> meetings
persons persons_member_body_id_foreign                                       -> member_bodies
programme_targets programme_targets_indicator_id_foreign                     -> indicators
programme_targets programme_targets_programme_id_foreign                     -> programmes
published_reports published_reports_user_id_foreign                          -> users
published_values published_values_report_id_foreign                          -> published_reports
reconciliation_results reconciliation_results_run_id_foreign                 -> reconciliation_runs
reconciliation_runs reconciliation_runs_user_id_foreign                      -> users
referential_themes referential_themes_referential_id_foreign                 -> referentials
referentials referentials_import_id_foreign                                  -> imports
resolutions resolutions_fiscal_year_fk                                       -> fiscal_years
resolutions resolutions_meeting_id_foreign                                   -> meetings
result_allocations result_allocations_entry_id_foreign                       -> entries
result_allocations result_allocations_fiscal_year_id_foreign                 -> fiscal_years
result_allocations result_allocations_posted_by_foreign                      -> users
result_allocations result_allocations_resolution_fk                          -> resolutions
salary_events salary_events_employee_id_foreign                              -> employees
seats seats_college_id_foreign                                               -> colleges
seats seats_member_body_id_foreign                                           -> member_bodies
seats seats_person_id_foreign                                                -> persons
seats seats_titular_seat_id_foreign                                          -> seats
statement_lines statement_lines_layout_id_foreign                            -> statement_layouts
strategic_actions strategic_actions_axis_id_foreign                          -> strategic_axes
strategic_actions strategic_actions_owner_id_foreign                         -> users
strategic_axes strategic_axes_plan_id_foreign                                -> strategic_plans
territories territories_parent_id_foreign                                    -> territories
time_allocations time_allocations_employee_id_foreign                        -> employees
time_allocations time_allocations_programme_fk                               -> programmes
training_cost_lines training_cost_lines_training_action_id_foreign           -> training_actions
training_cost_lines training_cost_lines_training_session_id_foreign          -> training_sessions
training_financing_lines training_financing_lines_training_action_id_foreign -> training_actions
training_participants training_participants_employee_id_foreign              -> employees
training_participants training_participants_training_session_id_foreign      -> training_sessions
training_sessions training_sessions_training_action_id_foreign               -> training_actions
votes votes_attendance_id_foreign                                            -> attendances
votes votes_resolution_id_foreign                                            -> resolutions
working_group_members working_group_members_user_id_foreign                  -> users
working_group_members working_group_members_working_group_id_foreign         -> working_groups
working_groups working_groups_axis_id_foreign                                -> strategic_axes
working_groups working_groups_plan_id_foreign                                -> strategic_plans
`

const MARK = 'tenant-keys:'

const ACTIONS: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
}

interface ForeignKey {
  name: string
  child: string
  parent: string
  columns: string[]
  ref_columns: string[]
  del_set_columns: string[] | null
  confupdtype: string
  confdeltype: string
  confmatchtype: string
  condeferrable: boolean
  condeferred: boolean
  convalidated: boolean
  definition: string
}

/** Tenant tables: every table of the public schema with an organisation_id column. */
const TENANT = (relation: string) => `EXISTS (
  SELECT 1 FROM pg_attribute a
   WHERE a.attrelid = ${relation} AND a.attname = 'organisation_id' AND a.attnum > 0 AND NOT a.attisdropped)`

const columnNames = (relation: string, numbers: string) => `(
  SELECT array_agg(a.attname::text ORDER BY k.ord)
    FROM unnest(${numbers}) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum)`

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`

function expectedKeys() {
  return new Map<string, string>(
    TENANT_FOREIGN_KEYS.trim()
      .split('\n')
      .map((line) => {
        const [child, name, arrow, parent] = line.trim().split(/\s+/)
        if (arrow !== '->' || !parent) throw new Error(`Malformed line: ${line}`)
        return [`${child}.${name}`, parent] as const
      })
  )
}

/** The composite replacement of a single-column key, same behaviour, organisation_id first. */
function compositeDefinition(key: ForeignKey) {
  const [column] = key.columns
  const problems: string[] = []
  if (key.columns.length !== 1 || key.ref_columns.join() !== 'id') {
    problems.push(`expected (<column>) REFERENCES ${key.parent}(id)`)
  }
  if (key.confmatchtype !== 's') problems.push('MATCH FULL would refuse a NULL reference')
  if (['n', 'd'].includes(key.confupdtype)) problems.push('ON UPDATE SET NULL/DEFAULT')
  if (problems.length > 0) {
    throw new Error(`${key.child}.${key.name} (${key.definition}): ${problems.join('; ')}`)
  }
  let sql = `FOREIGN KEY (organisation_id, ${column}) REFERENCES ${key.parent} (organisation_id, id)`
  if (key.confupdtype !== 'a') sql += ` ON UPDATE ${ACTIONS[key.confupdtype]}`
  if (key.confdeltype !== 'a') {
    sql += ` ON DELETE ${ACTIONS[key.confdeltype]}`
    // Only the reference is cleared, never the row's organisation.
    if (['n', 'd'].includes(key.confdeltype))
      sql += ` (${(key.del_set_columns ?? [column]).join(', ')})`
  }
  if (key.condeferrable)
    sql += ` DEFERRABLE INITIALLY ${key.condeferred ? 'DEFERRED' : 'IMMEDIATE'}`
  if (!key.convalidated) sql += ' NOT VALID'
  return sql
}

export default class extends BaseSchema {
  async up() {
    const { rows: keys } = (await this.db.rawQuery(`
      SELECT con.conname AS name, ch.relname AS child, pa.relname AS parent,
             ${columnNames('con.conrelid', 'con.conkey')} AS columns,
             ${columnNames('con.confrelid', 'con.confkey')} AS ref_columns,
             ${columnNames('con.conrelid', 'con.confdelsetcols')} AS del_set_columns,
             con.confupdtype, con.confdeltype, con.confmatchtype, con.condeferrable,
             con.condeferred, con.convalidated, pg_get_constraintdef(con.oid) AS definition
        FROM pg_constraint con
        JOIN pg_class ch ON ch.oid = con.conrelid
        JOIN pg_class pa ON pa.oid = con.confrelid
       WHERE con.contype = 'f' AND ch.relnamespace = 'public'::regnamespace
         AND ${TENANT('ch.oid')} AND ${TENANT('pa.oid')}
         AND NOT EXISTS (
           SELECT 1 FROM pg_attribute a
            WHERE a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey) AND a.attname = 'organisation_id')
       ORDER BY ch.relname, con.conname`)) as { rows: ForeignKey[] }

    const expected = expectedKeys()
    const found = new Map(keys.map((key) => [`${key.child}.${key.name}`, key.parent]))
    const unexpected = [...found].filter(([name, parent]) => expected.get(name) !== parent)
    const missing = [...expected].filter(([name, parent]) => found.get(name) !== parent)
    if (unexpected.length > 0 || missing.length > 0) {
      throw new Error(
        'Tenant keys: the catalogue differs from the reviewed list. ' +
          `Not in the list: ${unexpected.map(([n, p]) => `${n} -> ${p}`).join(', ') || 'none'}. ` +
          `Listed but not found: ${missing.map(([n, p]) => `${n} -> ${p}`).join(', ') || 'none'}. ` +
          'A new foreign key between tenant tables must be composite: ' +
          '(organisation_id, <column>) REFERENCES parent (organisation_id, id); see docs/adr/0008-tenant-keys.md.'
      )
    }

    // Existing rows must already be tenant-consistent: name every offending key at once.
    const offending: string[] = []
    for (const key of keys) {
      const [column] = key.columns
      const { rows } = await this.db.rawQuery(
        `SELECT count(*)::int AS n FROM ${key.child} c JOIN ${key.parent} p ON p.id = c.${column}
          WHERE p.organisation_id <> c.organisation_id`
      )
      if (rows[0].n > 0) offending.push(`${key.child}.${key.name}: ${rows[0].n} row(s)`)
    }
    if (offending.length > 0) {
      throw new Error(`Rows pointing at another organisation's parent: ${offending.join(', ')}`)
    }

    const parents = [...new Set(keys.map((key) => key.parent))].sort()
    const { rows: covered } = (await this.db.rawQuery(
      `SELECT DISTINCT c.relname AS parent
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relname IN (${parents.map(quote).join(', ')}) AND c.relnamespace = 'public'::regnamespace
          AND i.indisunique AND i.indimmediate AND i.indpred IS NULL AND i.indexprs IS NULL
          AND i.indnkeyatts = 2
          AND ${columnNames('i.indrelid', 'i.indkey::int2[]')} @> ARRAY['organisation_id', 'id']`
    )) as { rows: { parent: string }[] }
    const alreadyUnique = new Set(covered.map((row) => row.parent))

    for (const parent of parents.filter((name) => !alreadyUnique.has(name))) {
      const name = `${parent}_organisation_id_id_unique`
      if (name.length > 63) throw new Error(`Constraint name too long: ${name}`)
      this.schema.raw(`ALTER TABLE ${parent} ADD CONSTRAINT ${name} UNIQUE (organisation_id, id)`)
      this.schema.raw(
        `COMMENT ON CONSTRAINT ${name} ON ${parent} IS ${quote(`${MARK} target of composite tenant foreign keys`)}`
      )
    }

    for (const key of keys) {
      this.schema.raw(
        `ALTER TABLE ${key.child} DROP CONSTRAINT ${key.name}, ADD CONSTRAINT ${key.name} ${compositeDefinition(key)}`
      )
      this.schema.raw(
        `COMMENT ON CONSTRAINT ${key.name} ON ${key.child} IS ${quote(`${MARK} was ${key.definition}`)}`
      )
    }

    // The indicator value guard (0501) only checked that the indicator, programme and territory
    // belong to the row's organisation: the composite keys now say exactly that, once per row
    // like the guard did, and with the standard foreign-key error. The territory guard stays: it
    // also checks that an area hangs under an antenna.
    this.schema.raw('DROP TRIGGER indicator_values_guard ON indicator_values')
    this.schema.raw('DROP FUNCTION activity_value_guard()')
  }

  async down() {
    this.schema.raw(ACTIVITY_VALUE_GUARD)
    const marked = `SELECT con.conname AS name, cl.relname AS relation, d.description
         FROM pg_constraint con
         JOIN pg_class cl ON cl.oid = con.conrelid
         JOIN pg_description d ON d.objoid = con.oid AND d.classoid = 'pg_constraint'::regclass
        WHERE cl.relnamespace = 'public'::regnamespace AND con.contype = ? AND d.description LIKE ?
        ORDER BY cl.relname, con.conname`
    const { rows: keys } = await this.db.rawQuery(marked, ['f', `${MARK} was %`])
    for (const key of keys as { name: string; relation: string; description: string }[]) {
      const definition = key.description.slice(`${MARK} was `.length)
      this.schema.raw(
        `ALTER TABLE ${key.relation} DROP CONSTRAINT ${key.name}, ADD CONSTRAINT ${key.name} ${definition}`
      )
    }
    const { rows: uniques } = await this.db.rawQuery(marked, ['u', `${MARK} %`])
    for (const unique of uniques as { name: string; relation: string }[]) {
      this.schema.raw(`ALTER TABLE ${unique.relation} DROP CONSTRAINT ${unique.name}`)
    }
  }
}
