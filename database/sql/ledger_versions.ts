/**
 * The statement-level triggers that bump an organisation's ledger version (migration 9950,
 * docs/adr/0012-page-speed.md) when `table` is written, and their removal.
 */
export function versionTriggers(table: string) {
  return `
        CREATE TRIGGER ${table}_version_insert AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump();
        CREATE TRIGGER ${table}_version_update AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump();
        CREATE TRIGGER ${table}_version_delete AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_version_bump();
      `
}

export function dropVersionTriggers(table: string) {
  return `
        DROP TRIGGER IF EXISTS ${table}_version_insert ON ${table};
        DROP TRIGGER IF EXISTS ${table}_version_update ON ${table};
        DROP TRIGGER IF EXISTS ${table}_version_delete ON ${table};
      `
}
