import { createHash, timingSafeEqual } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OneTimeLink from '#models/core/one_time_link'
import { createOrganisation } from '#actions/core/create_organisation'
import AcceptOneTimeLink from '#actions/core/one_time_links'
import { ConflictError, NotFoundError, RuleError } from '#support/domain_errors'
import { withTransaction } from '#support/transaction'

/**
 * Setting up an empty instance from the browser (issue #13): while no organisation exists, the
 * first page is a form that creates one and its first admin, protected by a setup token that
 * the server prints in its log when it starts.
 *
 * The token is kept in this process's memory only, as its SHA-256: nothing about it is in the
 * database, so a copy of the database or of a backup opens nothing. A restart forgets it and
 * prints a new one (the old line of the log stops working). It is spent by the first setup that
 * succeeds; a refused attempt (wrong token, bad SIREN, e-mail taken) leaves it usable. Once an
 * organisation exists, by this form or by `node ace organisation:create`, the form is gone
 * (404). Socle runs one server process: a second process would print a token of its own.
 */
const setup: { tokenHash: Buffer | null; busy: boolean } = { tokenHash: null, busy: false }

const WRONG_TOKEN =
  'Jeton d’installation incorrect : copiez celui que le serveur a écrit dans son journal à son dernier démarrage (chaque démarrage en donne un nouveau). Rien n’a été créé.'

function digest(token: string) {
  return createHash('sha256').update(token, 'utf8').digest()
}

function tokenMatches(token: string) {
  return setup.tokenHash !== null && timingSafeEqual(digest(token), setup.tokenHash)
}

/** True while the instance has no organisation at all (read across organisations). */
export async function instanceIsEmpty(trx?: TransactionClientContract) {
  const row = await (trx ?? db).from('organisations').select('id').first()
  return !row
}

/** A new setup token, returned once to be printed; any previous one stops working. */
export function issueSetupToken() {
  const token = OneTimeLink.newToken()
  setup.tokenHash = digest(token)
  return token
}

/**
 * Server start: when no organisation exists, issues a setup token and prints where to use it
 * (`print` writes to the server log). Returns the token, or null when there is nothing to set up.
 */
export async function openSetupIfEmpty(setupUrl: string, print: (message: string) => void) {
  if (!(await instanceIsEmpty())) {
    setup.tokenHash = null
    return null
  }
  const token = issueSetupToken()
  print(
    `Aucune organisation n’existe encore : ouvrez ${setupUrl} et saisissez ce jeton d’installation (à usage unique, valable jusqu’au prochain redémarrage du serveur) : ${token}`
  )
  return token
}

export interface SetupInput {
  token: string
  name: string
  siren: string
  adminName: string
  adminEmail: string
  password: string
}

/**
 * Creates the first organisation and its admin with the password they chose, in one
 * transaction: organisation:create's action (same checks and refusals: SIREN, duplicate SIREN
 * or e-mail), then its welcome link spent at once with that password. The table of
 * organisations is locked meanwhile, so that a concurrent `organisation:create` waits and the
 * form never creates a second organisation.
 */
export default class SetUpInstance {
  static async handle(input: SetupInput, trx?: TransactionClientContract) {
    if (!(await instanceIsEmpty(trx))) throw new NotFoundError()
    if (!tokenMatches(input.token)) throw new RuleError(WRONG_TOKEN, { field: 'jeton' })
    if (setup.busy) {
      throw new ConflictError(
        'Une installation est déjà en cours : patientez quelques secondes puis rechargez la page.'
      )
    }
    setup.busy = true
    try {
      const created = await withTransaction(trx, async (t) => {
        await t.rawQuery('LOCK TABLE organisations IN SHARE ROW EXCLUSIVE MODE')
        if (!(await instanceIsEmpty(t))) throw new NotFoundError()
        const result = await createOrganisation(
          {
            name: input.name,
            siren: input.siren,
            adminEmail: input.adminEmail,
            adminName: input.adminName,
          },
          { trx: t, actorLabel: 'installation (formulaire web)' }
        )
        const link = await AcceptOneTimeLink.handle(
          { token: result.token, purposes: ['welcome'], password: input.password },
          t
        )
        if (link.state !== 'usable') throw new Error(`welcome link of a new admin: ${link.state}`)
        return result
      })
      setup.tokenHash = null
      return { organisation: created.organisation, admin: created.admin }
    } finally {
      setup.busy = false
    }
  }
}
