import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Set-based ledgers for the scale bench (bench/network_scale.bench.ts) and the index-plan spec
 * (tests/functional/core/index_plans.spec.ts): validated entries of 2 to 4 balanced lines,
 * written by INSERT … SELECT over generate_series, never row by row.
 *
 * The rows are written with the triggers off (session_replication_role = replica, superuser of
 * the throwaway cluster): the ledger's hash chain and balance checks are not what is measured,
 * and the rows honour every CHECK constraint, which stays on.
 */

/** Accounts the generated lines use: charges, produits and balance-sheet accounts. */
export const GENERATED_ACCOUNTS: Array<[string, string]> = [
  ['401', 'Fournisseurs'],
  ['411', 'Clients'],
  ['421', 'Personnel - Rémunérations dues'],
  ['431', 'Sécurité sociale'],
  ['512', 'Banque'],
  ['6064', 'Fournitures administratives'],
  ['6132', 'Locations immobilières'],
  ['6226', 'Honoraires'],
  ['6251', 'Voyages et déplacements'],
  ['6411', 'Salaires, appointements'],
  ['6451', 'Cotisations à l’URSSAF'],
  ['741', 'Subventions d’exploitation - État'],
  ['7441', 'Subventions des collectivités'],
  ['756', 'Cotisations'],
]

export interface GeneratedOrganisation {
  id: number
  journalId: number
  /** Fiscal years 2022 and 2023: half of the entries in each. */
  fiscalYearIds: [number, number]
}

/**
 * Organisations with the accounts above (those missing), an OD journal and the fiscal years
 * 2022 and 2023. `existing` organisations (a seeded chart, the layouts) are completed, not made.
 */
export async function ledgerOrganisations(
  client: QueryClientContract,
  count: number,
  prefix: string,
  existing: number[] = []
): Promise<GeneratedOrganisation[]> {
  const { rows: created } = await client.rawQuery(
    `INSERT INTO organisations (name, slug)
     SELECT ? || ' ' || lpad(g::text, 3, '0'), ? || '-' || g || '-' || md5(random()::text)
       FROM generate_series(1, ?::int) g
     RETURNING id`,
    [prefix, prefix.toLowerCase().replace(/[^a-z0-9]+/g, '-'), count]
  )
  const ids = [...existing, ...created.map((row: { id: number }) => row.id)]
  await client.rawQuery(
    `INSERT INTO accounts (organisation_id, number, label)
     SELECT o, a.number, a.label
       FROM unnest(?::int[]) o, unnest(?::text[], ?::text[]) AS a(number, label)
     ON CONFLICT (organisation_id, number) DO NOTHING`,
    [ids, GENERATED_ACCOUNTS.map(([n]) => n), GENERATED_ACCOUNTS.map(([, l]) => l)]
  )
  await client.rawQuery(
    `INSERT INTO journals (organisation_id, code, label)
     SELECT o, 'OD', 'Opérations diverses' FROM unnest(?::int[]) o
     ON CONFLICT (organisation_id, code) DO NOTHING`,
    [ids]
  )
  await client.rawQuery(
    `INSERT INTO fiscal_years (organisation_id, label, start_date, end_date)
     SELECT o, 'Exercice ' || y, make_date(y, 1, 1), make_date(y, 12, 31)
       FROM unnest(?::int[]) o, (VALUES (2022), (2023)) AS v(y)
      WHERE NOT EXISTS (SELECT 1 FROM fiscal_years f
                         WHERE f.organisation_id = o AND f.start_date = make_date(y, 1, 1))`,
    [ids]
  )
  const { rows } = await client.rawQuery(
    `SELECT o AS id,
            (SELECT id FROM journals WHERE organisation_id = o AND code = 'OD') AS journal_id,
            (SELECT id FROM fiscal_years WHERE organisation_id = o AND start_date = '2022-01-01') AS fy1,
            (SELECT id FROM fiscal_years WHERE organisation_id = o AND start_date = '2023-01-01') AS fy2
       FROM unnest(?::int[]) o`,
    [ids]
  )
  return rows.map((row: { id: number; journal_id: number; fy1: number; fy2: number }) => ({
    id: row.id,
    journalId: row.journal_id,
    fiscalYearIds: [row.fy1, row.fy2],
  }))
}

/**
 * About `linesPerOrganisation` validated lines for each organisation (entries of 2, 3 or 4
 * lines, 3 on average; the last line of an entry credits the sum of the others), spread over
 * 2022 and 2023. Returns the number of lines written. Runs in the caller's transaction.
 */
export async function generateLedgers(
  client: QueryClientContract,
  organisations: GeneratedOrganisation[],
  linesPerOrganisation: number
) {
  const entries = Math.max(2, Math.round(linesPerOrganisation / 3))
  await client.rawQuery('SET LOCAL session_replication_role = replica')
  await client.rawQuery(
    `CREATE TEMP TABLE IF NOT EXISTS generated_accounts
       (organisation_id int, ord int, id int, number text) ON COMMIT DROP`
  )
  await client.rawQuery(
    `INSERT INTO generated_accounts
     SELECT a.organisation_id, (row_number() OVER (PARTITION BY a.organisation_id ORDER BY a.number)) - 1,
            a.id, a.number
       FROM accounts a
      WHERE a.organisation_id = ANY(?::int[]) AND a.number = ANY(?::text[])`,
    [organisations.map((o) => o.id), GENERATED_ACCOUNTS.map(([n]) => n)]
  )
  const count = GENERATED_ACCOUNTS.length
  // Chain positions and numbers continue after the organisation's existing entries. The last
  // position is read once per organisation before the INSERT (MATERIALIZED): read per row, it
  // walked back over every row the INSERT had already added, quadratic in the entries.
  await client.rawQuery(
    `WITH o AS MATERIALIZED (
       SELECT o0.*, (SELECT max(chain_position) FROM entries WHERE organisation_id = o0.id) AS base
         FROM unnest(?::int[], ?::int[], ?::int[], ?::int[]) AS o0(id, journal_id, fy1, fy2)
     )
     INSERT INTO entries (organisation_id, journal_id, fiscal_year_id, entry_date, number,
                          sequence_number, label, status, validated_at, chain_position,
                          previous_hash, hash)
     SELECT o.id, o.journal_id, CASE WHEN g <= ?::int / 2 THEN o.fy1 ELSE o.fy2 END,
            make_date(CASE WHEN g <= ?::int / 2 THEN 2022 ELSE 2023 END, 1 + g % 12, 1 + g % 28),
            'G' || lpad(g::text, 8, '0'), g, 'Écriture générée ' || g, 'validated', now(),
            coalesce(o.base, 0) + g, md5(g::text) || md5((g - 1)::text), md5(g::text) || md5(g::text)
       FROM o CROSS JOIN generate_series(1, ?::int) g`,
    [
      organisations.map((o) => o.id),
      organisations.map((o) => o.journalId),
      organisations.map((o) => o.fiscalYearIds[0]),
      organisations.map((o) => o.fiscalYearIds[1]),
      entries,
      entries,
      entries,
    ]
  )
  // Line k of entry g: amount f(g, k) = 1.00 to 5 000.99 on lines 1..n-1, their sum on line n.
  const { rowCount } = await client.rawQuery(
    `WITH e AS (
       SELECT e.id, e.organisation_id, e.entry_date, e.sequence_number AS g,
              2 + e.sequence_number % 3 AS n
         FROM entries e
        WHERE e.organisation_id = ANY(?::int[]) AND e.number LIKE 'G%'
     )
     INSERT INTO entry_lines (entry_id, organisation_id, line_no, account_id, account_number,
                              entry_date, debit, credit, label)
     SELECT e.id, e.organisation_id, k, a.id, a.number, e.entry_date,
            CASE WHEN k < e.n THEN (100 + (e.g * 7919 + k * 104729) % 500000) / 100.0 ELSE 0 END,
            CASE WHEN k < e.n THEN 0
                 ELSE (SELECT sum(100 + (e.g * 7919 + i * 104729) % 500000) / 100.0
                         FROM generate_series(1, e.n - 1) i) END,
            NULL
       FROM e CROSS JOIN LATERAL generate_series(1, e.n) k
       JOIN generated_accounts a
         ON a.organisation_id = e.organisation_id AND a.ord = (e.g * 31 + k * 7) % ${count}`,
    [organisations.map((o) => o.id)]
  )
  await client.rawQuery('SET LOCAL session_replication_role = origin')
  return Number(rowCount)
}
