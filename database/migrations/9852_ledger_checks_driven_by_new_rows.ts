import { BaseSchema } from '@adonisjs/lucid/schema'

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
CREATE OR REPLACE FUNCTION ledger_lines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
BEGIN
  EXECUTE $q$
  SELECT x.number, x.status, x.label, x.fy_status,
         (n.organisation_id <> x.organisation_id OR n.entry_date <> x.entry_date) AS mismatch
    FROM new_rows n
   CROSS JOIN LATERAL (
         SELECT e.number, e.status, e.validated_at, e.organisation_id, e.entry_date, f.label,
                f.status AS fy_status
           FROM entries e JOIN fiscal_years f ON f.id = e.fiscal_year_id
          WHERE e.id = n.entry_id
         OFFSET 0) x
   WHERE x.fy_status = 'closed'
      OR (x.status = 'validated' AND x.validated_at <> transaction_timestamp())
      OR n.organisation_id <> x.organisation_id OR n.entry_date <> x.entry_date
   LIMIT 1
  $q$ INTO bad;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
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

CREATE OR REPLACE FUNCTION ledger_assert_balanced(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
BEGIN
  EXECUTE $q$
  SELECT e.id, coalesce(e.number, '#' || e.id) AS ref, s.n, s.d, s.c
    FROM entries e
   CROSS JOIN LATERAL (
         SELECT count(l.id) AS n, coalesce(sum(l.debit), 0) AS d, coalesce(sum(l.credit), 0) AS c
           FROM entry_lines l WHERE l.entry_id = e.id) s
   WHERE e.id = ANY($1) AND (s.n < 2 OR s.d <> s.c)
   LIMIT 1
  $q$ INTO bad USING ids;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows > 0 THEN
    RAISE EXCEPTION 'Écriture % déséquilibrée ou incomplète : % ligne(s), débit % ≠ crédit % (au moins deux lignes et débit = crédit exigés).',
      bad.ref, bad.n, bad.d, bad.c USING ERRCODE = 'P0001';
  END IF;
END $$;
`

/** The bodies of migration 1000, restored by down. */
const JOINED = `
CREATE OR REPLACE FUNCTION ledger_lines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
BEGIN
  -- Planned at each call (EXECUTE): a cached plan made when the ledger was small
  -- would keep scanning whole tables once it is large.
  EXECUTE $q$
  SELECT e.number, e.status, f.label, f.status AS fy_status,
         (n.organisation_id <> e.organisation_id OR n.entry_date <> e.entry_date) AS mismatch
    FROM new_rows n JOIN entries e ON e.id = n.entry_id JOIN fiscal_years f ON f.id = e.fiscal_year_id
   WHERE f.status = 'closed'
      OR (e.status = 'validated' AND e.validated_at <> transaction_timestamp())
      OR n.organisation_id <> e.organisation_id OR n.entry_date <> e.entry_date
   LIMIT 1
  $q$ INTO bad;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
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

CREATE OR REPLACE FUNCTION ledger_assert_balanced(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
BEGIN
  -- Planned at each call (EXECUTE): a cached plan made when the ledger was small
  -- would keep scanning whole tables once it is large.
  EXECUTE $q$
  SELECT e.id, coalesce(e.number, '#' || e.id) AS ref, count(l.id) AS n,
         coalesce(sum(l.debit), 0) AS d, coalesce(sum(l.credit), 0) AS c
    FROM entries e LEFT JOIN entry_lines l ON l.entry_id = e.id
   WHERE e.id = ANY($1)
   GROUP BY e.id
  HAVING count(l.id) < 2 OR coalesce(sum(l.debit), 0) <> coalesce(sum(l.credit), 0)
   LIMIT 1
  $q$ INTO bad USING ids;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows > 0 THEN
    RAISE EXCEPTION 'Écriture % déséquilibrée ou incomplète : % ligne(s), débit % ≠ crédit % (au moins deux lignes et débit = crédit exigés).',
      bad.ref, bad.n, bad.d, bad.c USING ERRCODE = 'P0001';
  END IF;
END $$;
`

export default class extends BaseSchema {
  async up() {
    this.schema.raw(DRIVEN)
  }

  async down() {
    this.schema.raw(JOINED)
  }
}
