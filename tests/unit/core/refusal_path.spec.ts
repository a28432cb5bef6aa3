import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation } from '#tests/helpers'
import {
  ConflictError,
  RuleError,
  translateDatabaseError,
  underDatabaseRules,
} from '#support/domain_errors'
import { ACTIVITY_CONSTRAINT_MESSAGES } from '#vocabulary/activity'
import { GOVERNANCE_CONSTRAINT_MESSAGES } from '#vocabulary/governance'
import { GRANT_CONSTRAINT_MESSAGES } from '#vocabulary/grants'
import { CONTRACT_CONSTRAINT_MESSAGES } from '#vocabulary/hr'

/**
 * One refusal path (docs/adr/0007-refusal-path.md): the database's refusals reach the user in
 * the domains' French wording through the shared translation, whichever path raised them.
 */

/** What the database answers to `sql`, through the shared translation (nothing is kept). */
async function refusal(sql: string, bindings: unknown[] = []) {
  return db
    .transaction((trx) => underDatabaseRules(() => trx.rawQuery(sql, bindings as never[])))
    .then(
      () => null,
      (error: unknown) => error
    )
}

test.group('Refusal path | the database in French', (group) => {
  isolated(group)

  test('every registered constraint exists in the database', async ({ assert }) => {
    const { rows } = await db.rawQuery(
      `SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace`
    )
    const names = new Set(rows.map((r: { conname: string }) => r.conname))
    // A partial unique index (e.g. one active target per indicator and year) is no constraint,
    // but PostgreSQL names it as the constraint of its 23505 refusals.
    const { rows: indexes } = await db.rawQuery(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`
    )
    for (const { indexname } of indexes as Array<{ indexname: string }>) names.add(indexname)
    // A rule spanning tables is a trigger that raises under a constraint name of its own
    // (RAISE ... USING CONSTRAINT = '<name>', e.g. governance's member rules, migration 8900).
    const { rows: functions } = await db.rawQuery(
      `SELECT prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace`
    )
    for (const { prosrc } of functions as Array<{ prosrc: string }>) {
      for (const match of prosrc.matchAll(/CONSTRAINT\s*=\s*'([a-z0-9_]+)'/g)) names.add(match[1])
    }
    const registered = Object.keys({
      ...GRANT_CONSTRAINT_MESSAGES,
      ...ACTIVITY_CONSTRAINT_MESSAGES,
      ...GOVERNANCE_CONSTRAINT_MESSAGES,
      ...CONTRACT_CONSTRAINT_MESSAGES,
    })
    assert.deepEqual(
      registered.filter((name) => !names.has(name)),
      [],
      'registered messages naming no constraint of the schema'
    )
  })

  test('a grants check speaks of the convention', async ({ assert }) => {
    const organisation = await makeOrganisation()
    const error = await refusal(
      `INSERT INTO funders (organisation_id, name, category) VALUES (?, 'Financeur', 'inconnue')`,
      [organisation.id]
    )
    assert.instanceOf(error, RuleError)
    assert.equal(
      (error as RuleError).message,
      'Valeur refusée par une règle de cohérence de la convention.'
    )
  })

  test('a programme code taken twice is a conflict with the referential wording', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const insert = `INSERT INTO programmes (organisation_id, code, name, level) VALUES (?, 'PACEA', 'Pacea', 'national')`
    assert.isNull(await refusal(insert, [organisation.id]))
    const error = await refusal(insert, [organisation.id])
    assert.instanceOf(error, ConflictError)
    assert.equal((error as ConflictError).message, 'Ce code est déjà utilisé.')
  })

  test('a trigger raising check_violation is shown with its own text, without the SQL', async ({
    assert,
  }) => {
    const error = await refusal(
      `DO $$ BEGIN RAISE EXCEPTION 'Le quorum n''est pas atteint.' USING ERRCODE = 'check_violation'; END $$`
    )
    assert.instanceOf(error, RuleError)
    assert.equal((error as RuleError).message, "Le quorum n'est pas atteint.")
  })

  test('a trigger raising P0001 (ledger, grants) is shown with its own text', async ({
    assert,
  }) => {
    const error = await refusal(
      `DO $$ BEGIN RAISE EXCEPTION 'Exercice clôturé : aucune écriture ne peut y être passée.' USING ERRCODE = 'P0001'; END $$`
    )
    assert.instanceOf(error, RuleError)
    assert.equal(
      (error as RuleError).message,
      'Exercice clôturé : aucune écriture ne peut y être passée.'
    )
  })

  test('a statutes constraint keeps its wording', ({ assert }) => {
    const error = translateDatabaseError({
      code: '23514',
      constraint: 'meetings_convened_before',
      message: 'update "meetings" set ... - new row violates check constraint',
    })
    assert.instanceOf(error, RuleError)
    assert.equal((error as RuleError).message, 'La convocation doit précéder la séance.')
  })

  test('the staff register speaks of the contract: dates in order, no overlap', ({ assert }) => {
    const dates = translateDatabaseError({
      code: '23514',
      constraint: 'contracts_dates',
      message: 'update "contracts" set ... - new row violates check constraint',
    })
    assert.instanceOf(dates, RuleError)
    assert.equal((dates as RuleError).message, 'La date de fin précède la date de début.')
    const overlap = translateDatabaseError({
      code: '23P01',
      constraint: 'contracts_no_overlap',
      message: 'insert into "contracts" ... - conflicting key value violates exclusion constraint',
    })
    assert.instanceOf(overlap, RuleError)
    assert.equal(
      (overlap as RuleError).message,
      'Ce contrat chevauche un autre contrat du même salarié.'
    )
  })
})
