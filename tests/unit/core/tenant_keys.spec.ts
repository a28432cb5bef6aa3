import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { isolated, makeOrganisation } from '#tests/helpers'

/**
 * One tenant, failing closed (docs/adr/0008-tenant-keys.md): PostgreSQL itself refuses a row that
 * points at another organisation's row. The catalogue test lists every key of a tenant table
 * (one with organisation_id) that leaves organisation_id out; each must be on an allow-list
 * below with its reason, so a new table or key is judged when it is written.
 */

/** Tables without organisation_id: not tenant data. */
const NOT_TENANT_TABLES: Record<string, string> = {
  organisations: 'the tenants themselves (a reference table under Citus)',
  sessions: 'HTTP sessions keyed by a random id; user_id is text, without a foreign key',
  rate_limits: 'limiter counters keyed by IP address or account, before anyone is known',
  login_backoffs: 'login throttling keyed by the typed e-mail, before any organisation is known',
  adonis_schema: 'migration bookkeeping',
  adonis_schema_versions: 'migration bookkeeping',
}

/**
 * A surrogate `id` from a sequence shared by all organisations is unique on its own, so
 * `(organisation_id, id)` is unique too: that is what the composite foreign keys reference.
 * Citus would need the primary key to start with organisation_id (ADR 8); not done today.
 */
const ID_PRIMARY_KEY =
  'surrogate id from a global sequence; (organisation_id, id) is unique where a key needs it'

const within = (parent: string) =>
  `scoped by ${parent}, a row of one organisation whose composite key pins the organisation`

/**
 * A membership admits a person, whose account (`users` row) belongs to their home organisation,
 * to another organisation: the one deliberate reference across organisations (ADR 9). What
 * people do there references the membership, `(organisation_id, user_id)`, composite again.
 */
const ACROSS_ORGANISATIONS =
  'a person of one organisation admitted to another: the one deliberate link across organisations'

/** Keys of tenant tables without organisation_id, `table.constraint_or_index` -> reason. */
const ALLOWED_KEYS: Record<string, string> = {
  // primary keys other than (id)
  'journal_sequences.journal_sequences_pkey': within('journal_id and fiscal_year_id'),
  // unique keys
  'attendances.attendances_meeting_id_seat_id_unique': within('meeting_id'),
  'axis_criteria.axis_criteria_axis_id_criterion_id_unique': within('axis_id'),
  'criteria.criteria_referential_id_code_unique': within('referential_id'),
  'criterion_assessments.criterion_assessments_criterion_id_unique': within('criterion_id'),
  'entries.entries_number_unique': within('journal_id and fiscal_year_id'),
  'entries.entries_reversed_once': within('reversal_of_id'),
  'grant_programmes.grant_programmes_grant_id_programme_id_unique': within('grant_id'),
  'grant_reports.grant_reports_grant_id_period_start_period_end_unique': within('grant_id'),
  'grant_years.grant_years_grant_id_year_unique': within('grant_id'),
  'published_values.published_values_report_id_domain_table_key_row_key_column_key_':
    within('report_id'),
  'referential_themes.referential_themes_referential_id_name_unique': within('referential_id'),
  'resolutions.resolutions_meeting_id_position_unique': within('meeting_id'),
  'time_allocations.time_allocations_employee_id_programme_id_month_unique': within('employee_id'),
  'votes.votes_resolution_id_attendance_id_unique': within('resolution_id'),
  'result_allocations.result_allocations_resolution_unique': within('resolution_id'),
  'evidence_files.evidence_files_stored_name_unique':
    'generated file name in one storage folder shared by all organisations',
  'grant_documents.grant_documents_stored_name_unique':
    'generated file name in one storage folder shared by all organisations',
  'meeting_documents.meeting_documents_stored_name_unique':
    'generated file name in one storage folder shared by all organisations',
  'users.users_email_unique':
    'an e-mail signs in before the organisation is known: one address, one account',
  // exclusion constraints
  'contracts.contracts_no_overlap': within('employee_id'),
  // foreign keys
  'memberships.memberships_user_id_foreign': ACROSS_ORGANISATIONS,
  'network_members.network_members_network_organisation_id_foreign':
    'the network a member belongs to is an organisation (the reference table), named by its id',
}

interface KeyRow {
  relation: string
  name: string
  kind: string
  columns: string[] | null
  definition: string
}

async function tenantTables() {
  const { rows } = await db.rawQuery(`
    SELECT c.relname AS relation,
           EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = c.oid AND a.attname = 'organisation_id'
                      AND a.attnum > 0 AND NOT a.attisdropped) AS tenant
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
     ORDER BY c.relname`)
  return rows as { relation: string; tenant: boolean }[]
}

/** Primary, unique and exclusion keys (constraints or bare unique indexes) and foreign keys. */
async function keysOfTenantTables(): Promise<KeyRow[]> {
  const { rows } = await db.rawQuery(`
    WITH tenant AS (
      SELECT c.oid, c.relname FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                        AND a.attname = 'organisation_id' AND a.attnum > 0 AND NOT a.attisdropped)
    )
    SELECT t.relname AS relation, i.relname AS name,
           CASE WHEN x.indisprimary THEN 'primary key'
                WHEN con.contype = 'x' THEN 'exclusion'
                ELSE 'unique' END AS kind,
           (SELECT array_agg(a.attname::text ORDER BY k.ord)
              FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
             WHERE k.ord <= x.indnkeyatts) AS columns,
           pg_get_indexdef(x.indexrelid) AS definition
      FROM tenant t
      JOIN pg_index x ON x.indrelid = t.oid
      JOIN pg_class i ON i.oid = x.indexrelid
      LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.conrelid = t.oid
     WHERE x.indisunique OR x.indisprimary OR con.contype = 'x'
    UNION ALL
    SELECT t.relname, con.conname, 'foreign key',
           (SELECT array_agg(a.attname::text ORDER BY k.ord)
              FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
           pg_get_constraintdef(con.oid)
      FROM tenant t JOIN pg_constraint con ON con.conrelid = t.oid AND con.contype = 'f'
     ORDER BY 1, 2`)
  return rows as KeyRow[]
}

test.group('Tenant keys in the catalogue', () => {
  test('every table carries organisation_id, or says why not', async ({ assert }) => {
    const outside = (await tenantTables()).filter((t) => !t.tenant).map((t) => t.relation)
    // One-way: a table listed here may not exist (yet) in every branch.
    assert.deepEqual(
      outside.filter((name) => !(name in NOT_TENANT_TABLES)),
      [],
      'tables without organisation_id and without a reason in NOT_TENANT_TABLES'
    )
  })

  test('keys of tenant tables include organisation_id, or are allowed with a reason', async ({
    assert,
  }) => {
    const keys = await keysOfTenantTables()
    const lacking = keys.filter(
      (key) =>
        !(key.columns ?? []).includes('organisation_id') &&
        !(key.kind === 'primary key' && key.columns?.join() === 'id')
    )
    const named = lacking.map((key) => `${key.relation}.${key.name}`)
    assert.deepEqual(
      lacking
        .filter((key) => !(`${key.relation}.${key.name}` in ALLOWED_KEYS))
        .map((key) => `${key.relation}.${key.name} (${key.kind}): ${key.definition}`),
      [],
      'keys without organisation_id and without a reason in ALLOWED_KEYS'
    )
    assert.deepEqual(
      Object.keys(ALLOWED_KEYS).filter((name) => !named.includes(name)),
      [],
      'ALLOWED_KEYS entries that no longer match a key lacking organisation_id'
    )
    // Every tenant table has a primary key; (id) alone is allowed for the reason ID_PRIMARY_KEY.
    const withPrimary = new Set(keys.filter((k) => k.kind === 'primary key').map((k) => k.relation))
    const tables = (await tenantTables()).filter((t) => t.tenant).map((t) => t.relation)
    assert.isAbove(tables.length, 50)
    assert.deepEqual(
      tables.filter((name) => !withPrimary.has(name)),
      [],
      `tenant tables without a primary key (${ID_PRIMARY_KEY})`
    )
  })

  test('foreign keys pair organisation_id with the parent organisation_id', async ({ assert }) => {
    const { rows } = await db.rawQuery(`
      SELECT ch.relname AS child, con.conname AS name, pg_get_constraintdef(con.oid) AS definition,
             (SELECT array_agg(ca.attname::text || '=' || pa.attname::text ORDER BY k.ord)
                FROM unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(c, p, ord)
                JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.c
                JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.p) AS pairs,
             (SELECT array_agg(a.attname::text)
                FROM unnest(con.confdelsetcols) AS s(attnum)
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = s.attnum) AS set_columns,
             con.confdeltype AS on_delete, con.confmatchtype AS match
        FROM pg_constraint con
        JOIN pg_class ch ON ch.oid = con.conrelid
        JOIN pg_class pa ON pa.oid = con.confrelid
       WHERE con.contype = 'f' AND ch.relnamespace = 'public'::regnamespace
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = ch.oid AND a.attname = 'organisation_id')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = pa.oid AND a.attname = 'organisation_id')
       ORDER BY 1, 2`)
    assert.isAbove(rows.length, 100)
    const wrong = (
      rows as {
        child: string
        name: string
        definition: string
        pairs: string[]
        set_columns: string[] | null
        on_delete: string
        match: string
      }[]
    ).filter(
      (key) =>
        ALLOWED_KEYS[`${key.child}.${key.name}`] !== ACROSS_ORGANISATIONS &&
        (!key.pairs.includes('organisation_id=organisation_id') ||
          key.pairs.length !== 2 ||
          key.match !== 's' ||
          // SET NULL / SET DEFAULT must name the reference column only, never organisation_id.
          (['n', 'd'].includes(key.on_delete) &&
            (key.set_columns === null || key.set_columns.includes('organisation_id'))))
    )
    assert.deepEqual(
      wrong.map((key) => `${key.child}.${key.name}: ${key.definition}`),
      []
    )
  })
})

/** The SQLSTATE and constraint of a statement PostgreSQL refuses (run in a savepoint). */
async function refusal(work: (trx: TransactionClientContract) => Promise<unknown>) {
  try {
    await db.transaction(work)
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string }
    return { code, constraint }
  }
  return { code: 'accepted', constraint: undefined }
}

async function insertId(table: string, row: Record<string, unknown>): Promise<number> {
  const [inserted] = await db.table(table).insert(row).returning('id')
  return inserted.id
}

test.group('Tenant keys refuse a parent of another organisation', (group) => {
  isolated(group)

  async function twoOrganisations() {
    const mine = await makeOrganisation('Ma mission locale')
    const theirs = await makeOrganisation('Une autre mission locale')
    return { mine: mine.id, theirs: theirs.id }
  }

  async function ledger(organisationId: number) {
    const fiscalYear = await insertId('fiscal_years', {
      organisation_id: organisationId,
      label: '2024',
      start_date: '2024-01-01',
      end_date: '2024-12-31',
    })
    const journal = await insertId('journals', {
      organisation_id: organisationId,
      code: 'OD',
      label: 'Opérations diverses',
    })
    const account = await insertId('accounts', {
      organisation_id: organisationId,
      number: '6064',
      label: 'Fournitures',
    })
    return { fiscalYear, journal, account }
  }

  test('entries -> journals, entry_lines -> entries', async ({ assert }) => {
    const { mine, theirs } = await twoOrganisations()
    const own = await ledger(mine)
    const other = await ledger(theirs)
    const entry = (journal: number, organisationId = mine, fiscalYear = own.fiscalYear) => ({
      organisation_id: organisationId,
      journal_id: journal,
      fiscal_year_id: fiscalYear,
      entry_date: '2024-03-15',
      label: 'Achat',
    })
    assert.deepEqual(await refusal((trx) => trx.table('entries').insert(entry(other.journal))), {
      code: '23503',
      constraint: 'entries_journal_id_foreign',
    })
    const theirEntry = await insertId('entries', entry(other.journal, theirs, other.fiscalYear))
    assert.deepEqual(
      await refusal((trx) =>
        trx.table('entry_lines').insert({
          entry_id: theirEntry,
          organisation_id: mine,
          line_no: 1,
          account_id: own.account,
          account_number: '6064',
          entry_date: '2024-03-15',
          debit: '10.00',
          credit: '0',
        })
      ),
      { code: '23503', constraint: 'entry_lines_entry_id_foreign' }
    )
    // The same rows inside one organisation are accepted.
    const ownEntry = await insertId('entries', entry(own.journal))
    await db.table('entry_lines').insert({
      entry_id: ownEntry,
      organisation_id: mine,
      line_no: 1,
      account_id: own.account,
      account_number: '6064',
      entry_date: '2024-03-15',
      debit: '10.00',
      credit: '0',
    })
  })

  test('grants -> funders, on insert and on update', async ({ assert }) => {
    const { mine, theirs } = await twoOrganisations()
    const funder = (organisationId: number) =>
      insertId('funders', { organisation_id: organisationId, name: 'Région', category: 'region' })
    const ownFunder = await funder(mine)
    const theirFunder = await funder(theirs)
    const grant = (funderId: number) => ({
      organisation_id: mine,
      funder_id: funderId,
      reference: 'CONV-1',
      title: 'Convention',
      period_start: '2024-01-01',
      period_end: '2024-12-31',
      amount_awarded: '1000.00',
    })
    const expected = { code: '23503', constraint: 'grants_funder_id_foreign' }
    assert.deepEqual(
      await refusal((trx) => trx.table('grants').insert(grant(theirFunder))),
      expected
    )
    const ownGrant = await insertId('grants', grant(ownFunder))
    // Pointing an existing row elsewhere, or moving the row alone, is refused the same way.
    assert.deepEqual(
      await refusal((trx) =>
        trx.from('grants').where('id', ownGrant).update({ funder_id: theirFunder })
      ),
      expected
    )
    assert.deepEqual(
      await refusal((trx) =>
        trx.from('grants').where('id', ownGrant).update({ organisation_id: theirs })
      ),
      expected
    )
  })

  test('seats -> member_bodies; deleting a person clears the seat, not its organisation', async ({
    assert,
  }) => {
    const { mine, theirs } = await twoOrganisations()
    const college = await insertId('colleges', {
      organisation_id: mine,
      number: 1,
      name: 'Élus',
      max_seats: 5,
      vote_rule: JSON.stringify({ kind: 'fixed_per_seat', votes: 1 }),
    })
    const body = (organisationId: number) =>
      insertId('member_bodies', { organisation_id: organisationId, name: 'Commune' })
    const ownBody = await body(mine)
    const theirBody = await body(theirs)
    const seat = (memberBody: number) => ({
      organisation_id: mine,
      college_id: college,
      member_body_id: memberBody,
      mandate_start: '2024-01-01',
    })
    assert.deepEqual(await refusal((trx) => trx.table('seats').insert(seat(theirBody))), {
      code: '23503',
      constraint: 'seats_member_body_id_foreign',
    })

    const person = await insertId('persons', {
      organisation_id: mine,
      full_name: 'Camille Martin',
      member_body_id: ownBody,
    })
    const ownSeat = await insertId('seats', { ...seat(ownBody), person_id: person })
    await db.from('persons').where('id', person).delete()
    const row = await db.from('seats').where('id', ownSeat).firstOrFail()
    assert.isNull(row.person_id)
    assert.equal(row.organisation_id, mine)
  })

  test('indicator_values -> programmes', async ({ assert }) => {
    const { mine, theirs } = await twoOrganisations()
    const indicator = await insertId('indicators', {
      organisation_id: mine,
      code: 'jeunes_accompagnes',
      label: 'Jeunes accompagnés',
    })
    const programme = (organisationId: number) =>
      insertId('programmes', {
        organisation_id: organisationId,
        code: 'CEJ',
        name: "Contrat d'engagement jeune",
        level: 'national',
      })
    const ownProgramme = await programme(mine)
    const theirProgramme = await programme(theirs)
    const value = (programmeId: number) => ({
      organisation_id: mine,
      year: 2024,
      indicator_id: indicator,
      programme_id: programmeId,
      value: 12,
    })
    assert.deepEqual(
      await refusal((trx) => trx.table('indicator_values').insert(value(theirProgramme))),
      { code: '23503', constraint: 'indicator_values_programme_id_foreign' }
    )
    await db.table('indicator_values').insert(value(ownProgramme))
    // The indicator itself is checked the same way (it is NOT NULL, so always).
    assert.deepEqual(
      await refusal((trx) =>
        trx
          .table('indicator_values')
          .insert({ ...value(ownProgramme), programme_id: null, organisation_id: theirs })
      ),
      { code: '23503', constraint: 'indicator_values_indicator_id_foreign' }
    )
  })
})
