import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
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

/**
 * The row of `model` with this id, locked for the change (FOR UPDATE) in the action's
 * transaction; an unknown id is a not-found refusal.
 */
export function lockRow<Model extends LucidModel>(
  model: Model,
  id: number,
  trx: TransactionClientContract
): Promise<InstanceType<Model>> {
  return model.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
}

/** The row, locked, at the version its form was read at (the version is bumped for the save). */
export async function lockAtVersion<Model extends LucidModel>(
  model: Model,
  id: number,
  version: number | undefined,
  trx: TransactionClientContract
): Promise<InstanceType<Model>> {
  const row = await lockRow(model, id, trx)
  assertVersion(row as InstanceType<Model> & { version: number }, version)
  return row
}
