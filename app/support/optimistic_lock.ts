import { ConflictError } from '#support/domain_errors'

export class ConflictException extends ConflictError {}

/**
 * Editable records carry a `version`. Call this on a row loaded FOR UPDATE with the version
 * the form was built from; the save then bumps it.
 */
export function assertVersion(row: { version: number }, expected: number | undefined) {
  if (expected !== undefined && row.version !== expected) {
    throw new ConflictException(
      "Cette fiche a été modifiée par quelqu'un d'autre pendant votre saisie. Rechargez la page pour voir sa version actuelle, puis refaites votre modification."
    )
  }
  row.version = row.version + 1
}
