import { parentKept } from '#database/sql/ledger'

/**
 * The ledger's insert checks grouped per statement (migration 10060,
 * docs/adr/0011-fec-import-speed.md). Same rules, same refusals and the same order of refusals as
 * the triggers they replace (9850/9851's keys, then 1000/9852's checks), but each statement's rows
 * are first grouped — entries by journal, year and import, lines by entry and by account — so that
 * the ledger is reached once per group rather than once (or twice) per row, and the balance at
 * commit reads the lines of a contiguous run of entries with one index range scan.
 */

/** Entries: keys of their own organisation (23503 under the former names), then the year's rules. */
export const ENTRIES_INSERTED = `
CREATE FUNCTION ledger_entries_inserted_grouped() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
  column_name text;
BEGIN
  EXECUTE $q$
  WITH g AS (
    SELECT organisation_id, journal_id, fiscal_year_id, import_id,
           min(entry_date) AS first_date, max(entry_date) AS last_date,
           bool_or(status = 'validated' AND validated_at <> transaction_timestamp()) AS stamped_elsewhere
      FROM new_rows
     GROUP BY organisation_id, journal_id, fiscal_year_id, import_id),
  checked AS (
    SELECT g.*, f.label, f.status AS fy_status, f.start_date, f.end_date,
           NOT EXISTS (SELECT 1 FROM journals j
                        WHERE j.organisation_id = g.organisation_id AND j.id = g.journal_id) AS no_journal,
           f.id IS NULL AS no_year,
           (g.import_id IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM imports i
               WHERE i.organisation_id = g.organisation_id AND i.id = g.import_id)) AS no_import
      FROM g LEFT JOIN fiscal_years f ON f.organisation_id = g.organisation_id AND f.id = g.fiscal_year_id)
  SELECT * FROM checked
   WHERE no_journal OR no_year OR no_import OR fy_status = 'closed'
      OR first_date < start_date OR last_date > end_date OR stamped_elsewhere
   ORDER BY (no_journal OR no_year OR no_import) DESC
   LIMIT 1
  $q$ INTO bad;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows > 0 THEN
    column_name := CASE WHEN bad.no_journal THEN 'journal_id' WHEN bad.no_year THEN 'fiscal_year_id'
                        WHEN bad.no_import THEN 'import_id' END;
    IF column_name IS NOT NULL THEN
      RAISE EXCEPTION 'insert or update on table "entries" violates foreign key constraint "%"',
        'entries_' || column_name || '_foreign'
        USING ERRCODE = '23503', CONSTRAINT = 'entries_' || column_name || '_foreign',
              TABLE = 'entries';
    ELSIF bad.fy_status = 'closed' THEN
      RAISE EXCEPTION 'Exercice % clôturé : aucune écriture ne peut y être passée.', bad.label USING ERRCODE = 'P0001';
    ELSIF bad.first_date < bad.start_date OR bad.last_date > bad.end_date THEN
      RAISE EXCEPTION 'La date % est hors de l''exercice % (% – %).',
        to_char(CASE WHEN bad.first_date < bad.start_date THEN bad.first_date ELSE bad.last_date END, 'DD/MM/YYYY'),
        bad.label, to_char(bad.start_date, 'DD/MM/YYYY'), to_char(bad.end_date, 'DD/MM/YYYY') USING ERRCODE = 'P0001';
    ELSE
      RAISE EXCEPTION 'Une écriture validée doit être horodatée par la transaction qui la valide.' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  INSERT INTO ledger_pending_checks (organisation_id, entry_ids)
    SELECT min(organisation_id), array_agg(id) FROM new_rows WHERE status = 'validated' HAVING count(*) > 0;
  RETURN NULL;
END $$;
`

/** The entry (with its year) of each group of new lines: a dense run of ids, or one lookup each. */
const ENTRY_OF_GROUP = {
  dense: `
    LEFT JOIN (
         SELECT e.id, e.organisation_id, e.number, e.status, e.validated_at, e.entry_date, f.label,
                f.status AS fy_status
           FROM entries e JOIN fiscal_years f ON f.id = e.fiscal_year_id
          WHERE e.organisation_id = ANY ($3) AND e.id BETWEEN $1 AND $2) x
      ON x.organisation_id = g.organisation_id AND x.id = g.entry_id`,
  sparse: `
    LEFT JOIN LATERAL (
         SELECT e.id, e.number, e.status, e.validated_at, e.entry_date, f.label, f.status AS fy_status
           FROM entries e JOIN fiscal_years f ON f.id = e.fiscal_year_id
          WHERE e.organisation_id = g.organisation_id AND e.id = g.entry_id
         OFFSET 0) x ON true`,
}

const linesCheck = (entryOf: string) => `
  WITH g AS (
    SELECT organisation_id, entry_id, min(entry_date) AS first_date, max(entry_date) AS last_date
      FROM new_rows GROUP BY organisation_id, entry_id)
  SELECT g.entry_id, x.id IS NULL AS no_entry, x.number, x.status, x.label, x.fy_status,
         (x.entry_date <> g.first_date OR x.entry_date <> g.last_date) AS mismatch
    FROM g${entryOf}
   WHERE x.id IS NULL OR x.fy_status = 'closed'
      OR (x.status = 'validated' AND x.validated_at <> transaction_timestamp())
      OR x.entry_date <> g.first_date OR x.entry_date <> g.last_date
   ORDER BY x.id IS NULL DESC
   LIMIT 1`

/**
 * Lines: an entry, then an account, of the line's own organisation (23503 under the former
 * names), then the entry's rules (open year, draft or validated by this transaction, same date).
 * The lines are grouped per entry first. When the entries form a dense run of ids (a bulk load
 * reserves them in one block), they are read with one range scan and hashed; otherwise each
 * group reaches its entry through the (organisation_id, id) index inside a LATERAL subquery that
 * OFFSET 0 keeps unflattened (9852). Either way the cost is proportional to the statement's rows,
 * whatever the statistics say: nested loops are off inside the function so that the dense plan
 * cannot become one scan of the run per group (the LATERAL path has no other plan).
 */
export const LINES_INSERTED = `
CREATE FUNCTION ledger_lines_inserted_grouped() RETURNS trigger LANGUAGE plpgsql
SET enable_nestloop = off AS $$
DECLARE
  bad record;
  found_rows integer;
  missing_account bigint;
  low integer;
  high integer;
  n bigint;
  organisations integer[];
BEGIN
  SELECT min(entry_id), max(entry_id), count(*), array_agg(DISTINCT organisation_id)
    INTO low, high, n, organisations FROM new_rows;
  IF high - low < 4 * n THEN
    EXECUTE $q$${linesCheck(ENTRY_OF_GROUP.dense)}
    $q$ INTO bad USING low, high, organisations;
  ELSE
    EXECUTE $q$${linesCheck(ENTRY_OF_GROUP.sparse)}
    $q$ INTO bad;
  END IF;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows > 0 AND bad.no_entry THEN
    RAISE EXCEPTION 'insert or update on table "entry_lines" violates foreign key constraint "entry_lines_entry_id_foreign"'
      USING ERRCODE = '23503', CONSTRAINT = 'entry_lines_entry_id_foreign', TABLE = 'entry_lines',
            DETAIL = format('Écriture %s introuvable dans l''organisation de la ligne.', bad.entry_id);
  END IF;
  EXECUTE $q$
  SELECT a.account_id
    FROM (SELECT DISTINCT organisation_id, account_id FROM new_rows) a
   WHERE NOT EXISTS (SELECT 1 FROM accounts c WHERE c.organisation_id = a.organisation_id AND c.id = a.account_id)
   LIMIT 1
  $q$ INTO missing_account;
  IF missing_account IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "entry_lines" violates foreign key constraint "entry_lines_account_id_foreign"'
      USING ERRCODE = '23503', CONSTRAINT = 'entry_lines_account_id_foreign', TABLE = 'entry_lines',
            DETAIL = format('Compte %s introuvable dans l''organisation de la ligne.', missing_account);
  END IF;
  IF found_rows > 0 THEN
    IF bad.fy_status = 'closed' THEN
      RAISE EXCEPTION 'Exercice % clôturé : aucune ligne ne peut y être ajoutée.', bad.label USING ERRCODE = 'P0001';
    ELSIF bad.mismatch THEN
      RAISE EXCEPTION 'Ligne incohérente avec son écriture (organisation ou date).' USING ERRCODE = 'P0001';
    ELSE
      RAISE EXCEPTION 'Écriture % validée : aucune ligne ne peut y être ajoutée.', bad.number USING ERRCODE = 'P0001';
    END IF;
  END IF;
  -- Balance of validated entries is checked at commit (ledger_pending_checks), once per entry.
  RETURN NULL;
END $$;
`

/**
 * The balance of the entries of \`ids\`. When they form a dense run (a bulk load reserves its ids
 * in one block), their lines are read with one range scan of entry_lines (entry_id) and summed
 * in one hash aggregate instead of one index descent per entry; otherwise, per entry as 9852.
 * Nested loops are off inside the function so that the dense plan cannot degrade into one scan
 * of the run per entry when the statistics predate the load (the LATERAL path has no other plan).
 */
export const ASSERT_BALANCED = `
CREATE OR REPLACE FUNCTION ledger_assert_balanced(ids integer[]) RETURNS void LANGUAGE plpgsql
SET enable_nestloop = off AS $$
DECLARE
  bad record;
  found_rows integer;
  low integer;
  high integer;
  n integer;
BEGIN
  SELECT min(i), max(i), count(*) INTO low, high, n FROM unnest(ids) i;
  IF n = 0 THEN
    RETURN;
  END IF;
  IF high - low < 4 * n THEN
    EXECUTE $q$
    SELECT e.id, coalesce(e.number, '#' || e.id) AS ref, coalesce(s.n, 0) AS n,
           coalesce(s.d, 0) AS d, coalesce(s.c, 0) AS c
      FROM (SELECT DISTINCT unnest($1) AS id) q
      JOIN entries e ON e.id = q.id AND e.id BETWEEN $2 AND $3
      LEFT JOIN (SELECT l.entry_id, count(*) AS n, sum(l.debit) AS d, sum(l.credit) AS c
                   FROM entry_lines l WHERE l.entry_id BETWEEN $2 AND $3
                  GROUP BY l.entry_id) s ON s.entry_id = e.id
     WHERE coalesce(s.n, 0) < 2 OR coalesce(s.d, 0) <> coalesce(s.c, 0)
     LIMIT 1
    $q$ INTO bad USING ids, low, high;
  ELSE
    EXECUTE $q$
    SELECT e.id, coalesce(e.number, '#' || e.id) AS ref, s.n, s.d, s.c
      FROM entries e
     CROSS JOIN LATERAL (
           SELECT count(l.id) AS n, coalesce(sum(l.debit), 0) AS d, coalesce(sum(l.credit), 0) AS c
             FROM entry_lines l WHERE l.entry_id = e.id) s
     WHERE e.id = ANY($1) AND (s.n < 2 OR s.d <> s.c)
     LIMIT 1
    $q$ INTO bad USING ids;
  END IF;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows > 0 THEN
    RAISE EXCEPTION 'Écriture % déséquilibrée ou incomplète : % ligne(s), débit % ≠ crédit % (au moins deux lignes et débit = crédit exigés).',
      bad.ref, bad.n, bad.d, bad.c USING ERRCODE = 'P0001';
  END IF;
END $$;
`

/**
 * The analytic keys of entry_lines (grant, programme, territory; migration 10111), checked once
 * per statement instead of one queued foreign-key event per row and key, which an import paid
 * for every line although it leaves them empty. Same refusal as the former composite keys
 * (23503 under their names), the parent of the line's own organisation, locked FOR KEY SHARE as a
 * foreign key locks it, so that a concurrent delete waits for this transaction and then sees its
 * lines. One pass over the statement's rows; one lookup per distinct key.
 */
/** The analytic keys of a line: column, parent table, former constraint, parent's French name. */
const ANALYTIC_KEYS = [
  ['grant_id', 'grants', 'entry_lines_grant_fk', 'Convention'],
  ['programme_id', 'programmes', 'entry_lines_programme_id_foreign', 'Programme'],
  ['territory_id', 'territories', 'entry_lines_territory_id_foreign', 'Territoire'],
] as const

export const LINE_ANALYTIC_KEYS = `
CREATE FUNCTION ledger_line_analytic_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k record;
BEGIN
  FOR k IN SELECT DISTINCT organisation_id, grant_id, programme_id, territory_id FROM new_rows
            WHERE grant_id IS NOT NULL OR programme_id IS NOT NULL OR territory_id IS NOT NULL LOOP
${ANALYTIC_KEYS.map(
  ([column, parent, constraint, label]) => `    IF k.${column} IS NOT NULL THEN
      PERFORM 1 FROM ${parent} p WHERE p.organisation_id = k.organisation_id AND p.id = k.${column} FOR KEY SHARE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'insert or update on table "entry_lines" violates foreign key constraint "${constraint}"'
          USING ERRCODE = '23503', CONSTRAINT = '${constraint}', TABLE = 'entry_lines',
                DETAIL = format('${label} %s introuvable dans l''organisation de la ligne.', k.${column});
      END IF;
    END IF;`
).join('\n')}
  END LOOP;
  RETURN NULL;
END $$;

${parentKept({
  name: 'ledger_line_analytic_parent_kept',
  declare: `
  column_name text := CASE TG_TABLE_NAME ${ANALYTIC_KEYS.map(([column, parent]) => `WHEN '${parent}' THEN '${column}'`).join(' ')} END;
  constraint_name text := CASE TG_TABLE_NAME ${ANALYTIC_KEYS.map(([, parent, constraint]) => `WHEN '${parent}' THEN '${constraint}'`).join(' ')} END;`,
  order: `  -- A grant, programme or territory that lines point at can be neither deleted nor have its
  -- key changed (the former ON DELETE RESTRICT / NO ACTION). First the keys that disappeared
  -- (usually none), and only then the lines, so that an ordinary update never reads entry_lines.`,
  child: { table: 'entry_lines', alias: 'l' },
  column: 'column_name',
  constraint: 'constraint_name',
  childrenLabel: "Des lignes d''écriture",
})}
`
