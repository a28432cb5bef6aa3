import { codesOf, sqlList } from '#vocabulary/labels'

/**
 * Clauses of the `ALTER TABLE` that gives an organisation's table its keys (ADR 8), one call
 * each, written as the migrations' raw SQL lays them out.
 */

/** The table's own key `(organisation_id, id)`, which its children's composite keys reference. */
export function ownKey(table: string) {
  return `ADD CONSTRAINT ${table}_organisation_id_id_unique UNIQUE (organisation_id, id)`
}

/** A composite foreign key to a row of the same organisation; `then` adds its ON DELETE rule. */
export function foreignKey(name: string, column: string, parent: string, then = '') {
  return `ADD CONSTRAINT ${name} FOREIGN KEY (organisation_id, ${column})
          REFERENCES ${parent} (organisation_id, id)${then}`
}

/** A foreign key to a member of the organisation (ADR 9). */
export function memberKey(name: string, column: string, then = '') {
  return `ADD CONSTRAINT ${name} FOREIGN KEY (organisation_id, ${column})
          REFERENCES memberships (organisation_id, user_id)${then}`
}

/** A CHECK that the column holds one of the codes of its vocabulary. */
export function codeCheck(name: string, column: string, labels: Record<string, string>) {
  return `ADD CONSTRAINT ${name} CHECK (${column} IN (${sqlList(codesOf(labels))}))`
}

/** `ALTER TABLE` adding `<table>_<column>_known`: the column holds a code of its vocabulary. */
export function knownCodes(table: string, column: string, labels: Record<string, string>) {
  return `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_known CHECK (${column} IN (${sqlList(codesOf(labels))}))`
}
