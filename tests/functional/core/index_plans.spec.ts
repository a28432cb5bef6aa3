import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { IncomeStatement, BalanceSheet } from '#reports/accounting/statements'
import { TrialBalanceReport } from '#reports/accounting/trial_balance'
import { GeneralLedgerPage, GENERAL_LEDGER_SORTS } from '#reports/accounting/general_ledger'
import { JournalPage } from '#reports/accounting/journal'
import { tableState } from '#support/table_query'
import type { Tenant } from '#support/request_context'
import { demoOrganisation, inspecting, isolated, tenantOf } from '#tests/helpers'
import { generateLedgers, ledgerOrganisations } from '../../../bench/network_scale_fixtures.js'

/**
 * Issue #13, "Scale": every query of an organisation is driven by an index that starts with
 * organisation_id (docs/adr/0010-scale.md). The main reports of the demo organisation run while
 * another organisation's ledger is in the database; their SQL is captured and explained with
 * sequential scans disabled, and every scan of a tenant table must be
 *  - an index scan on an index whose first column is organisation_id, or
 *  - a lookup by a join key (`id = l.entry_id`, `entry_id = e.id`): the inner side of a join
 *    or a sub-plan, which reads only rows of the organisation already chosen.
 * A sequential scan, or an index scan driven by a constant on another leading column, fails.
 */

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Alias'?: string
  'Index Name'?: string
  'Index Cond'?: string
  'Filter'?: string
  'Plans'?: PlanNode[]
}

interface Scan {
  node: string
  relation: string
  index: string | null
  cond: string | null
}

function scansOf(node: PlanNode, into: Scan[] = []): Scan[] {
  const type = node['Node Type']
  // A bitmap heap scan reads what its bitmap index scans (its children) chose.
  if (
    type !== 'Bitmap Heap Scan' &&
    type.includes('Scan') &&
    (node['Relation Name'] || node['Index Name'])
  ) {
    into.push({
      node: type,
      relation: node['Relation Name'] ?? '',
      index: node['Index Name'] ?? null,
      cond: node['Index Cond'] ?? null,
    })
  }
  for (const child of node.Plans ?? []) scansOf(child, into)
  return into
}

/** Tables with an organisation_id column, and the first key column of every index. */
async function catalogue() {
  const { rows: tables } = await db.rawQuery(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        AND a.attname = 'organisation_id' AND NOT a.attisdropped`
  )
  const { rows: indexes } = await db.rawQuery(
    `SELECT i.relname AS name, t.relname AS relation, a.attname AS leading, x.indisunique AS is_unique
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
      WHERE t.relnamespace = 'public'::regnamespace`
  )
  return {
    tenantTables: new Set<string>(tables.map((row: { name: string }) => row.name)),
    leading: new Map<string, { relation: string; leading: string | null; unique: boolean }>(
      indexes.map(
        (row: { name: string; relation: string; leading: string | null; is_unique: boolean }) => [
          row.name,
          { relation: row.relation, leading: row.leading, unique: row.is_unique },
        ]
      )
    ),
  }
}

/** A join key: the condition compares the index's column with another relation's column. */
const joinLookup = (cond: string | null) =>
  cond !== null &&
  /^\(\(?\w+\)? = \(?[a-z_]+\.\w+\)?\)$/.test(cond) &&
  !/organisation_id/.test(cond)

/** The SQL the callback sends, captured from the knex client (transactions included). */
async function captured(work: () => Promise<unknown>) {
  const queries: Array<{ sql: string; bindings: unknown[] }> = []
  const knex = db.connection().getWriteClient()
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    queries.push({ sql: query.sql, bindings: query.bindings ?? [] })
  }
  knex.on('query', listener)
  try {
    await work()
  } finally {
    knex.off('query', listener)
  }
  return queries
}

/** Scans of tenant tables that no index starting with organisation_id drives. */
async function undriven(queries: Array<{ sql: string; bindings: unknown[] }>) {
  const { tenantTables, leading } = await catalogue()
  const offending: string[] = []
  await db.rawQuery('SET LOCAL enable_seqscan = off')
  try {
    for (const query of queries) {
      if (!/^\s*(WITH|SELECT)/i.test(query.sql)) continue
      // node-pg's positional parameters back into knex's, in order of appearance.
      const bindings: unknown[] = []
      const sql = query.sql.replace(/\$(\d+)/g, (_match, n: string) => {
        bindings.push(query.bindings[Number(n) - 1])
        return '?'
      })
      const { rows } = await db.rawQuery(`EXPLAIN (FORMAT JSON) ${sql}`, bindings as never[])
      const plan = rows[0]['QUERY PLAN'][0].Plan as PlanNode
      for (const scan of scansOf(plan)) {
        const relation = scan.relation || leading.get(scan.index ?? '')?.relation || ''
        if (!tenantTables.has(relation)) continue
        const index = scan.index ? leading.get(scan.index) : undefined
        if (index?.leading === 'organisation_id') continue
        if (index && joinLookup(scan.cond)) continue
        offending.push(
          `${scan.node} on ${relation}${scan.index ? ` using ${scan.index}` : ''}` +
            `${scan.cond ? ` ${scan.cond}` : ''} in: ${query.sql.replace(/\s+/g, ' ').slice(0, 400)}`
        )
      }
    }
  } finally {
    await db.rawQuery('SET LOCAL enable_seqscan = on')
  }
  return offending
}

/** The main reports of an organisation, their SQL captured and explained. */
async function undrivenScans({ tenant, fiscalYearId }: { tenant: Tenant; fiscalYearId: number }) {
  const reports = {
    'compte de résultat': () => new IncomeStatement(tenant, { year: 2023 }).build(),
    'bilan': () => new BalanceSheet(tenant, { year: 2023 }).build(),
    'balance générale': () => new TrialBalanceReport(tenant, { fiscalYearId }).build(),
    'grand livre 6411': () =>
      new GeneralLedgerPage(tenant, {
        filters: { fiscalYearId, account: '6411' },
        state: tableState({}, GENERAL_LEDGER_SORTS, { sort: 'date' }),
      }).build(),
    'journal': () => new JournalPage(tenant, { filters: { fiscalYearId }, page: 2 }).build(),
  }
  const offending: string[] = []
  for (const [name, build] of Object.entries(reports)) {
    const queries = await captured(build)
    if (queries.length === 0) throw new Error(`${name}: no query captured`)
    offending.push(...(await undriven(queries)).map((scan) => `${name}: ${scan}`))
  }
  return offending
}

const within = (parent: string) =>
  `a rule or a lookup inside one ${parent} of the organisation, whose id pins the organisation`
const JOIN_KEY =
  'read from a row already chosen (a join or a lookup by its key), never to choose the rows'
const BY_TOKEN = 'looked up by a random value before any organisation is known'

/**
 * Indexes of tenant tables that do not start with organisation_id, each with its reason;
 * primary keys on `id` are join keys too. A new index that starts elsewhere is judged here.
 */
const OTHER_LEADING_INDEXES: Record<string, string> = {
  'attendances.attendances_meeting_id_seat_id_unique': within('meeting'),
  'audit_events.audit_events_subject_type_subject_id_index':
    'the history of one row (its subject), already chosen',
  'axis_criteria.axis_criteria_axis_id_criterion_id_unique': within('strategic axis'),
  'contracts.contracts_no_overlap': within('employee') + ' (exclusion constraint)',
  'criteria.criteria_referential_id_code_unique': within('referential'),
  'criterion_assessments.criterion_assessments_criterion_id_unique': within('criterion'),
  'entries.entries_import_id_index': within('import') + ' (the rows of an import)',
  'entries.entries_number_unique': within('journal and fiscal year'),
  'entries.entries_pkey':
    JOIN_KEY + ': the primary key (id, organisation_id), target of the tenant keys too',
  'entries.entries_reversed_once': within('entry') + ' (reversed once)',
  'entry_lines.entry_lines_entry_id_index': JOIN_KEY + ': the lines of an entry',
  'entry_lines.entry_lines_pkey':
    JOIN_KEY + ': the primary key (id, organisation_id), target of the tenant keys too',
  'evidence_files.evidence_files_stored_name_unique': BY_TOKEN + ' (a stored file name)',
  'grant_documents.grant_documents_stored_name_unique': BY_TOKEN + ' (a stored file name)',
  'grant_line_allocations.grant_line_allocations_entry_line_id_index':
    JOIN_KEY + ': the allocations of a ledger line',
  'grant_programmes.grant_programmes_grant_id_programme_id_unique': within('grant'),
  'grant_receipts.grant_receipts_grant_id_index': within('grant'),
  'grant_reports.grant_reports_grant_id_period_start_period_end_unique': within('grant'),
  'grant_years.grant_years_grant_id_year_unique': within('grant'),
  'journal_sequences.journal_sequences_pkey': within('journal and fiscal year'),
  'meeting_documents.meeting_documents_stored_name_unique': BY_TOKEN + ' (a stored file name)',
  'memberships.memberships_user_id_index':
    'the organisations of a person (login, switching): across organisations by design (ADR 9)',
  'network_members.network_members_network_organisation_id_index':
    'the members of a network: across organisations by design (ADR 9)',
  'one_time_links.one_time_links_token_hash_index': BY_TOKEN,
  'published_values.published_values_report_id_domain_table_key_row_key_column_key_':
    within('published report'),
  'referential_themes.referential_themes_referential_id_name_unique': within('referential'),
  'resolutions.resolutions_meeting_id_position_unique': within('meeting'),
  'result_allocations.result_allocations_resolution_unique': within('resolution'),
  'time_allocations.time_allocations_employee_id_programme_id_month_unique': within('employee'),
  'users.users_email_unique': 'login by e-mail, before any organisation is known',
  'votes.votes_resolution_id_attendance_id_unique': within('resolution'),
}

test.group('Index plans of an organisation', (group) => {
  isolated(group)
  // ANALYZE inside the rolled-back transactions leaves the catalogue's row counts of the
  // neighbours behind (pg_class is updated in place): the next tests plan on fresh statistics.
  group.teardown(async () => {
    await db.rawQuery('ANALYZE')
  })

  /** The demo organisation next to another organisation's ledger, statistics up to date. */
  async function withNeighbour() {
    const demo = await demoOrganisation()
    await inspecting(async () => {
      const client = db.connection()
      const neighbours = await ledgerOrganisations(client, 1, 'Voisine')
      await generateLedgers(client, neighbours, 20_000)
      await db.rawQuery('ANALYZE')
    })
    const year = await db
      .from('fiscal_years')
      .where('organisation_id', demo.id)
      .whereRaw('extract(year from end_date) = 2023')
      .select('id')
      .firstOrFail()
    return { tenant: tenantOf(demo), fiscalYearId: year.id as number }
  }

  test('every index of a tenant table starts with organisation_id, or says why not', async ({
    assert,
  }) => {
    const { rows } = await db.rawQuery(
      `SELECT t.relname || '.' || i.relname AS name
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE t.relnamespace = 'public'::regnamespace
          AND EXISTS (SELECT 1 FROM pg_attribute o
                       WHERE o.attrelid = t.oid AND o.attname = 'organisation_id' AND NOT o.attisdropped)
          AND coalesce(a.attname, '') <> 'organisation_id'
          AND NOT (x.indisprimary AND x.indnkeyatts = 1 AND a.attname = 'id')
        ORDER BY 1`
    )
    const names = rows.map((row: { name: string }) => row.name)
    assert.deepEqual(
      names.filter((name: string) => !(name in OTHER_LEADING_INDEXES)),
      [],
      'indexes of tenant tables that start elsewhere than organisation_id, without a reason'
    )
    assert.deepEqual(
      Object.keys(OTHER_LEADING_INDEXES).filter((name) => !names.includes(name)),
      [],
      'OTHER_LEADING_INDEXES entries that no longer match an index'
    )
  })

  test('the statements, the balance, the grand livre and the journal', async ({ assert }) => {
    const offending = await undrivenScans(await withNeighbour())
    assert.deepEqual(offending, [])
  })

  test('a report read through an index that starts elsewhere is caught', async ({ assert }) => {
    const context = await withNeighbour()
    // The grand livre's index without its leading organisation_id, in this rolled-back transaction.
    await db.rawQuery(`
      DROP INDEX entry_lines_org_account;
      CREATE INDEX entry_lines_account_first ON entry_lines (account_number);
      ANALYZE entry_lines`)
    const offending = await undrivenScans(context)
    assert.isNotEmpty(offending)
    assert.isTrue(
      offending.every((scan) => scan.includes('using entry_lines_account_first')),
      offending.join('\n')
    )
  })
})
