import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Programme from '#models/activity/programme'
import Territory from '#models/activity/territory'
import { RuleError } from '#support/domain_errors'
import type { ProgrammeInput, TerritoryInput } from '#validators/activity'

/**
 * An activity referential rule refused the change (duplicate code, area without antenna...).
 * Nothing was written: the form comes back with its input and a French message. The
 * database's own refusals go through the shared translation (`underDatabaseRules`), with the
 * referential constraints' wording in #vocabulary/activity.
 */
export class ActivityRuleError extends RuleError {}

/** A programme's code is unique in the organisation. */
export async function assertProgrammeCodeFree(
  code: string,
  ownId: number | null,
  trx: TransactionClientContract
) {
  const query = Programme.query({ client: trx }).where('code', code)
  if (ownId !== null) query.whereNot('id', ownId)
  const other = await query.first()
  if (other) {
    throw new ActivityRuleError(
      `Le code « ${code} » est déjà utilisé par le dispositif « ${other.name} ». Choisissez un autre code.`
    )
  }
}

/** The columns of a programme written by its form. */
export function programmeValues(input: ProgrammeInput) {
  return {
    code: input.code,
    name: input.name,
    level: input.level,
    fseCofinanced: input.fseCofinanced ?? false,
    funderNames: input.funderNames ?? null,
  }
}

/** Unique code, and the two-level tree: an antenna is a root, an area hangs under an antenna. */
export async function assertTerritoryRules(
  input: TerritoryInput,
  own: Territory | null,
  trx: TransactionClientContract
) {
  const same = Territory.query({ client: trx }).where('code', input.code)
  if (own) same.whereNot('id', own.id)
  const other = await same.first()
  if (other) {
    throw new ActivityRuleError(
      `Le code « ${input.code} » est déjà utilisé par le territoire « ${other.name} ». Choisissez un autre code.`
    )
  }
  if (input.kind === 'antenna') return
  if (!input.parentId) {
    throw new ActivityRuleError(
      'Un secteur (quartier, EPCI, commune…) doit être rattaché à une antenne : choisissez son antenne.'
    )
  }
  if (own && input.parentId === own.id) {
    throw new ActivityRuleError('Un territoire ne peut pas être rattaché à lui-même.')
  }
  const parent = await Territory.query({ client: trx }).where('id', input.parentId).first()
  if (!parent) throw new ActivityRuleError('Antenne de rattachement inconnue.')
  if (own) {
    const areas = await Territory.query({ client: trx }).where('parentId', own.id).first()
    if (areas) {
      throw new ActivityRuleError(
        `« ${own.name} » a des secteurs rattachés : il doit rester une antenne.`
      )
    }
  }
}

/** The columns of a territory written by its form (an antenna has no parent). */
export function territoryValues(input: TerritoryInput) {
  return {
    code: input.code,
    name: input.name,
    kind: input.kind,
    parentId: input.kind === 'antenna' ? null : (input.parentId ?? null),
  }
}
