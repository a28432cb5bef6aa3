/**
 * The one family of refusals raised by domain code (actions, models, reports, imports). They
 * know nothing of HTTP: the exception handler turns them into a French page or form message
 * (see docs/adr/0007-refusal-path.md).
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'rule' | 'not_found' | 'conflict'
  /** The form field the refusal is about, when there is one. */
  readonly field?: string

  constructor(message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.field = options.field
    this.name = new.target.name
  }
}

/** A business rule refused the change; nothing was written. */
export class RuleError extends DomainError {
  readonly kind = 'rule'
}

/** A record or period the user asked for does not exist (or is not theirs). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found'
  constructor(message = 'Cette page ou cette fiche n’existe pas.', options = {}) {
    super(message, options)
  }
}

/** Someone else changed the record meanwhile, or it already exists. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict'
}

interface PgError {
  code?: string
  constraint?: string
  column?: string
  message?: string
  detail?: string
}

/** French messages for named constraints, registered by each domain's vocabulary. */
const CONSTRAINT_MESSAGES = new Map<string, { message: string; field?: string }>()

export function registerConstraintMessages(
  messages: Record<string, string | { message: string; field?: string }>
) {
  for (const [name, value] of Object.entries(messages)) {
    CONSTRAINT_MESSAGES.set(name, typeof value === 'string' ? { message: value } : value)
  }
}

function isPgError(error: unknown): error is PgError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as PgError).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as PgError).code!)
  )
}

/** knex prefixes the SQL text to the message: keep the database's own (French) text. */
function raisedText(error: PgError) {
  return String(error.message ?? '')
    .split(' - ')
    .pop()!
    .trim()
}

/**
 * The database's refusals as domain errors: triggers' French messages (P0001), unique, check
 * and foreign keys, impossible dates and numbers. Anything else is returned unchanged.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof DomainError || !isPgError(error)) return error
  const named = error.constraint ? CONSTRAINT_MESSAGES.get(error.constraint) : undefined
  const options = { field: named?.field ?? error.column, cause: error }
  switch (error.code) {
    case 'P0001':
      return new RuleError(raisedText(error), options)
    case '23505':
      return new ConflictError(named?.message ?? 'Cette valeur est déjà utilisée.', options)
    case '23514':
    case '23P01':
      // A trigger raising check_violation names no constraint: its text is the French message.
      if (!error.constraint) return new RuleError(raisedText(error), options)
      return new RuleError(
        named?.message ?? 'Valeur refusée par une règle de cohérence des données.',
        options
      )
    case '23503':
      return new RuleError(
        named?.message ??
          'Référence inconnue : l’élément choisi n’existe pas (ou plus) dans votre organisation.',
        options
      )
    case '23502':
      return new RuleError('Une information obligatoire manque.', options)
    case '22008':
    case '22007':
      return new RuleError('Date impossible.', options)
    case '22003':
      return new RuleError('Nombre trop grand.', options)
    case '22P02':
    case '22023':
      return new RuleError('Valeur invalide.', options)
    case '22001':
      return new RuleError('Texte trop long.', options)
    case '40001':
    case '40P01':
      return new ConflictError(
        'Une autre modification a eu lieu en même temps : rechargez la page et recommencez.',
        options
      )
    default:
      return error
  }
}

/** Runs database work and rethrows its refusals as domain errors. */
export async function underDatabaseRules<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw translateDatabaseError(error)
  }
}
