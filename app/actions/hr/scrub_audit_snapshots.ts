import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Identity fields of an employee as audit snapshots hold them (model attributes or columns). */
const IDENTITY_KEYS = [
  'surname',
  'firstNames',
  'first_names',
  'birthDate',
  'birth_date',
  'nationality',
  'workPermitType',
  'work_permit_type',
  'workPermitNumber',
  'work_permit_number',
  'nir',
]

/**
 * Removes the identity of people being anonymised from the organisation's earlier audit events
 * (GDPR: the audit log must not keep what the register no longer does). Call it before the
 * employees' rows are overwritten, in the same transaction.
 *
 * - the snapshots of their `employees` rows lose the identity keys (the changes of other
 *   fields stay: who changed what and when remains);
 * - every other trace of their surname or first names (in any snapshot or summary of the
 *   organisation) becomes their anonymous label;
 * - their birth date, in the events about them (their row, contracts, salary events, training,
 *   leaves, time), becomes the first of January of its year, as the register keeps it.
 */
export async function scrubAuditSnapshots(
  organisationId: number,
  employeeIds: number[],
  trx: TransactionClientContract
) {
  if (!employeeIds.length) return
  const ids = employeeIds.map(String)
  await trx.rawQuery(
    `UPDATE audit_events
        SET before = CASE WHEN before IS NULL THEN NULL ELSE before - ?::text[] END,
            after = CASE WHEN after IS NULL THEN NULL ELSE after - ?::text[] END
      WHERE organisation_id = ? AND subject_type = 'employees' AND subject_id = ANY(?::text[])`,
    [IDENTITY_KEYS, IDENTITY_KEYS, organisationId, ids]
  )
  // One needle per person and text, as case-insensitive patterns: JSON-escaped (as it appears
  // in the snapshots' text) and raw (summaries).
  const { rows: needles } = (await trx.rawQuery(
    `SELECT e.id, n.kind,
            n.raw,
            CASE WHEN n.kind = 'birth' THEN to_char(make_date(extract(year FROM e.birth_date)::int, 1, 1), 'YYYY-MM-DD')
                 ELSE 'ANONYME-' || e.id END AS replacement
       FROM employees e
       CROSS JOIN LATERAL (VALUES ('name', e.surname), ('name', e.first_names),
                                  ('birth', to_char(e.birth_date, 'YYYY-MM-DD')),
                                  ('name', e.work_permit_number), ('name', e.nir)) AS n(kind, raw)
      WHERE e.organisation_id = ? AND e.id = ANY(?::int[])
        AND n.raw IS NOT NULL AND char_length(btrim(n.raw)) >= 2 AND n.raw <> '—'`,
    [organisationId, employeeIds]
  )) as {
    rows: { id: number; kind: 'name' | 'birth'; raw: string; replacement: string }[]
  }
  for (const found of needles) {
    const needle = {
      ...found,
      raw: asWord(found.raw),
      escaped: asWord(JSON.stringify(found.raw).slice(1, -1)),
    }
    // A birth date is only replaced in the events about this person (a date alone is common).
    const about =
      needle.kind === 'birth'
        ? `AND ((subject_type = 'employees' AND subject_id = ?)
                OR before ->> 'employeeId' = ? OR after ->> 'employeeId' = ?
                OR before ->> 'employee_id' = ? OR after ->> 'employee_id' = ?
                OR (subject_type IN ('time_allocations') AND subject_id = ?))`
        : ''
    const aboutBindings = needle.kind === 'birth' ? Array(6).fill(String(needle.id)) : []
    await trx.rawQuery(
      `UPDATE audit_events
          SET before = CASE WHEN before::text ~* ? THEN regexp_replace(before::text, ?, ?, 'gi')::jsonb ELSE before END,
              after = CASE WHEN after::text ~* ? THEN regexp_replace(after::text, ?, ?, 'gi')::jsonb ELSE after END,
              summary = CASE WHEN summary ~* ? THEN regexp_replace(summary, ?, ?, 'gi') ELSE summary END
        WHERE organisation_id = ?
          AND (before::text ~* ? OR after::text ~* ? OR summary ~* ?)
          ${about}`,
      [
        needle.escaped,
        needle.escaped,
        needle.replacement,
        needle.escaped,
        needle.escaped,
        needle.replacement,
        needle.raw,
        needle.raw,
        needle.replacement,
        organisationId,
        needle.escaped,
        needle.escaped,
        needle.raw,
        ...aboutBindings,
      ]
    )
  }
}

/**
 * A literal text as a PostgreSQL regular expression matching it as whole words (`\m`, `\M`), so
 * that "Martin" is scrubbed and "Martinez" or a word containing a first name is left alone.
 */
const asWord = (text: string) => `\\m${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\M`
