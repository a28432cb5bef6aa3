/**
 * The cancellation columns of a record (8800 for a convention's records, 9000 for training):
 * when, who (a membership) and why, all three or none, and a trigger freezing the cancelled row
 * (`grant_cancelled_frozen`, written by 8800). `clearedByKeys` are the columns a foreign key may
 * still clear (ON DELETE SET NULL) on a frozen row.
 */
export function addCancellation(table: string, clearedByKeys: readonly string[]) {
  return `
        ALTER TABLE ${table}
          ADD COLUMN cancelled_at timestamptz NULL,
          ADD COLUMN cancelled_by integer NULL,
          ADD COLUMN cancelled_actor varchar(200) NULL,
          ADD COLUMN cancel_reason text NULL,
          ADD CONSTRAINT ${table}_cancelled_by_foreign FOREIGN KEY (organisation_id, cancelled_by)
            REFERENCES memberships (organisation_id, user_id) ON DELETE SET NULL (cancelled_by),
          ADD CONSTRAINT ${table}_cancellation_complete CHECK (
            (cancelled_at IS NULL AND cancel_reason IS NULL AND cancelled_actor IS NULL)
            OR (cancelled_at IS NOT NULL AND cancelled_actor IS NOT NULL
                AND char_length(btrim(cancel_reason)) >= 3));
        CREATE TRIGGER ${table}_cancelled_frozen BEFORE UPDATE ON ${table}
          FOR EACH ROW WHEN (OLD.cancelled_at IS NOT NULL)
          EXECUTE FUNCTION grant_cancelled_frozen(${clearedByKeys.map((c) => `'${c}'`).join(', ')});
      `
}
