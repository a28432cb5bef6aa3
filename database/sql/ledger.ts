/**
 * The ledger's set-based checks (ADR 6) that more than one migration writes. `joined` is the
 * text of 1000 (also what 9852's `down` restores), `driven` the text of 9852: each check walks
 * its own rows and reaches the ledger through an index (docs/adr/0011-fec-import-speed.md).
 */
export type LedgerPlan = 'joined' | 'driven'

const PLANNED_AT_EACH_CALL = `
  -- Planned at each call (EXECUTE): a cached plan made when the ledger was small
  -- would keep scanning whole tables once it is large.`

const LINES_QUERY: Record<LedgerPlan, string> = {
  joined: `
  SELECT e.number, e.status, f.label, f.status AS fy_status,
         (n.organisation_id <> e.organisation_id OR n.entry_date <> e.entry_date) AS mismatch
    FROM new_rows n JOIN entries e ON e.id = n.entry_id JOIN fiscal_years f ON f.id = e.fiscal_year_id
   WHERE f.status = 'closed'
      OR (e.status = 'validated' AND e.validated_at <> transaction_timestamp())
      OR n.organisation_id <> e.organisation_id OR n.entry_date <> e.entry_date`,
  driven: `
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
      OR n.organisation_id <> x.organisation_id OR n.entry_date <> x.entry_date`,
}

/**
 * The refusal of inserted lines once a query has put the first bad one in `bad` (its entry's
 * number and status, its year's label and status, `mismatch`) and counted it in `found_rows`.
 */
export const LINES_REFUSED = `  IF found_rows > 0 THEN
    IF bad.fy_status = 'closed' THEN
      RAISE EXCEPTION 'Exercice % clôturé : aucune ligne ne peut y être ajoutée.', bad.label USING ERRCODE = 'P0001';
    ELSIF bad.mismatch THEN
      RAISE EXCEPTION 'Ligne incohérente avec son écriture (organisation ou date).' USING ERRCODE = 'P0001';
    ELSE
      RAISE EXCEPTION 'Écriture % validée : aucune ligne ne peut y être ajoutée.', bad.number USING ERRCODE = 'P0001';
    END IF;
  END IF;`

/** Lines may be added only to a draft entry of an open year, with the entry's organisation and date. */
export function linesInserted(plan: LedgerPlan) {
  return `CREATE OR REPLACE FUNCTION ledger_lines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
BEGIN${plan === 'joined' ? PLANNED_AT_EACH_CALL : ''}
  EXECUTE $q$${LINES_QUERY[plan]}
   LIMIT 1
  $q$ INTO bad;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
${LINES_REFUSED}
  -- Balance of validated entries is checked at commit (ledger_pending_checks), once per entry.
  RETURN NULL;
END $$;`
}

const BALANCE_QUERY: Record<LedgerPlan, string> = {
  joined: `
  SELECT e.id, coalesce(e.number, '#' || e.id) AS ref, count(l.id) AS n,
         coalesce(sum(l.debit), 0) AS d, coalesce(sum(l.credit), 0) AS c
    FROM entries e LEFT JOIN entry_lines l ON l.entry_id = e.id
   WHERE e.id = ANY($1)
   GROUP BY e.id
  HAVING count(l.id) < 2 OR coalesce(sum(l.debit), 0) <> coalesce(sum(l.credit), 0)`,
  driven: `
  SELECT e.id, coalesce(e.number, '#' || e.id) AS ref, s.n, s.d, s.c
    FROM entries e
   CROSS JOIN LATERAL (
         SELECT count(l.id) AS n, coalesce(sum(l.debit), 0) AS d, coalesce(sum(l.credit), 0) AS c
           FROM entry_lines l WHERE l.entry_id = e.id) s
   WHERE e.id = ANY($1) AND (s.n < 2 OR s.d <> s.c)`,
}

/** The entries of `ids` have at least two lines and debit = credit, or a refusal naming one. */
export function assertBalanced(plan: LedgerPlan) {
  return `CREATE OR REPLACE FUNCTION ledger_assert_balanced(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  found_rows integer;
BEGIN${plan === 'joined' ? PLANNED_AT_EACH_CALL : ''}
  EXECUTE $q$${BALANCE_QUERY[plan]}
   LIMIT 1
  $q$ INTO bad USING ids;
  GET DIAGNOSTICS found_rows = ROW_COUNT;
  IF found_rows > 0 THEN
    RAISE EXCEPTION 'Écriture % déséquilibrée ou incomplète : % ligne(s), débit % ≠ crédit % (au moins deux lignes et débit = crédit exigés).',
      bad.ref, bad.n, bad.d, bad.c USING ERRCODE = 'P0001';
  END IF;
END $$;`
}

/** What a parent-key check needs to know of the rows that point at the parent (9850, 9851). */
export interface KeptParent {
  /** The checking function, e.g. `ledger_line_parent_kept`. */
  name: string
  /** Extra `DECLARE` line (the variable naming the child's column), or none. */
  declare: string
  /** The comment lines (\`  -- …\`) on the order of the two queries. */
  order: string
  /** The child table and its alias in the query. */
  child: { table: 'entry_lines' | 'entries'; alias: string }
  /** A PL/pgSQL expression for the child's column pointing at the parent. */
  column: string
  /** A PL/pgSQL expression for the former constraint's name (default `<child>_<column>_foreign`). */
  constraint?: string
  /** The French name of the child rows, in the refusal's detail. */
  childrenLabel: string
}

/**
 * A statement trigger function refusing to delete a parent row, or change its key, while rows of
 * `child` of the same organisation point at it: the foreign key's guarantee, checked once per
 * statement and refused with SQLSTATE 23503 under the former constraint's name (ADR 8).
 */
export function parentKept(parent: KeptParent) {
  const { table, alias } = parent.child
  const constraint = parent.constraint ?? `'${table}_' || ${parent.column} || '_foreign'`
  return `CREATE OR REPLACE FUNCTION ${parent.name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE${parent.declare}
  gone integer[];
  used integer;
BEGIN
${parent.order}
  EXECUTE format($q$
  SELECT array_agg(o.id) FROM old_rows o
   WHERE NOT EXISTS (SELECT 1 FROM %I p WHERE p.organisation_id = o.organisation_id AND p.id = o.id)
  $q$, TG_TABLE_NAME) INTO gone;
  IF gone IS NULL THEN
    RETURN NULL;
  END IF;
  EXECUTE format($q$
  SELECT o.id FROM old_rows o
   WHERE o.id = ANY($1)
     AND EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.organisation_id = o.organisation_id AND ${alias}.%I = o.id)
   LIMIT 1
  $q$, ${parent.column}) INTO used USING gone;
  IF used IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "${table}"',
      TG_TABLE_NAME, ${constraint}
      USING ERRCODE = '23503', CONSTRAINT = ${constraint},
            TABLE = TG_TABLE_NAME,
            DETAIL = format('${parent.childrenLabel} pointent encore vers %s %s.', TG_TABLE_NAME, used);
  END IF;
  RETURN NULL;
END $$;`
}
