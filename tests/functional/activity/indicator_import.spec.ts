import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedActivity } from '#database/seeders/activity'
import definition from '#imports/activity/indicator_values'
import { importFile } from '#imports/core/pipeline'
import { actingAs } from '#support/request_context'
import type Organisation from '#models/core/organisation'

async function seeded() {
  const organisation = await makeOrganisation('Import activité')
  const rapport = await loadRapport2023()
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction((trx) => seedActivity(organisation, rapport, trx))
  )
  return organisation
}

async function csv(lines: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'socle-activite-'))
  const path = join(dir, 'activite.csv')
  await writeFile(
    path,
    ['Année;Indicateur;Dispositif;Territoire;Ventilation;Modalité;Valeur', ...lines].join('\n')
  )
  return path
}

const actor = (organisation: Organisation) => ({
  organisationId: organisation.id,
  userId: null,
  label: 'test',
})

async function value(
  organisation: Organisation,
  indicator: string,
  year: number,
  territory?: string
) {
  const query = db
    .from('indicator_values as v')
    .join('indicators as i', 'i.id', 'v.indicator_id')
    .leftJoin('territories as t', 't.id', 'v.territory_id')
    .where('v.organisation_id', organisation.id)
    .where('i.code', indicator)
    .where('v.year', year)
    .whereNull('v.breakdown')
  if (territory) query.where('t.code', territory)
  else query.whereNull('v.territory_id').whereNull('v.programme_id')
  const row = await query.select('v.value', 'v.source', 'v.import_id').first()
  return row
}

test.group('Activity import: indicator values', (group) => {
  isolated(group)

  test('a valid file replaces the values of its scopes (year, indicator, level) and reruns the reconciliation', async ({
    assert,
  }) => {
    const organisation = await seeded()
    const before = await db
      .from('indicator_values')
      .where('organisation_id', organisation.id)
      .count('* as n')
    const path = await csv([
      '2023;jeunes_accompagnes;;;;;10068',
      '2023;jeunes_accompagnes;;Rennes (ville);;;6044',
      '2023;jeunes_accompagnes;;Rennes Métropole;;;2446',
      '2023;jeunes_accompagnes;;Brocéliande;;;457',
      '2023;jeunes_accompagnes;;Nord-Est;;;565',
      '2023;jeunes_accompagnes;;Vallons de Vilaine;;;556',
      "2023;Jeunes accompagnés;;;Tranche d'âge;Mineurs;651",
    ])
    const outcome = await importFile(definition, path, actor(organisation))
    assert.deepEqual(outcome.issues, [])
    assert.equal(outcome.record.status, 'committed')
    const total = await value(organisation, 'jeunes_accompagnes', 2023)
    assert.equal(Number(total.value), 10068)
    assert.equal(total.source, 'import')
    assert.equal(total.import_id, outcome.record.id)
    // The 2022 values and the other indicators are untouched; the 2023 values by territory
    // (antennas and areas) were replaced by the file's antennas.
    assert.equal(Number((await value(organisation, 'jeunes_accompagnes', 2022)).value), 9996)
    assert.isNull(await value(organisation, 'jeunes_accompagnes', 2023, 'rennes-ville--centre'))
    assert.equal(Number((await value(organisation, 'primo_accueillis', 2023)).value), 4455)
    const after = await db
      .from('indicator_values')
      .where('organisation_id', organisation.id)
      .count('* as n')
    assert.isBelow(Number(after[0].n), Number(before[0].n))

    const run = await db
      .from('reconciliation_runs')
      .where({ organisation_id: organisation.id, trigger: 'import' })
      .first()
    assert.equal(run.year, 2023)
    const result = await db
      .from('reconciliation_results')
      .where({ run_id: run.id, check_id: 'activity.territories_vs_total:jeunes_accompagnes' })
      .first()
    assert.equal(result.status, 'ok')

    // Same scope again with another value: replaced, not added.
    const again = await importFile(
      definition,
      await csv(['2023;jeunes_accompagnes;;;;;10070']),
      actor(organisation)
    )
    assert.deepEqual(again.issues, [])
    assert.equal(Number((await value(organisation, 'jeunes_accompagnes', 2023)).value), 10070)
    // Only the total was in the file: the values by territory are another scope and stay.
    assert.equal(
      Number((await value(organisation, 'jeunes_accompagnes', 2023, 'rennes-ville')).value),
      6044
    )
    const ages = await db
      .from('indicator_values')
      .where({ organisation_id: organisation.id, year: 2023, breakdown: 'age_band' })
      .whereIn(
        'indicator_id',
        db.from('indicators').where('code', 'jeunes_accompagnes').select('id')
      )
    assert.deepEqual(
      ages.map((a) => [a.modality, Number(a.value)]),
      [['Mineurs', 651]]
    )
    // Other breakdowns of the indicator (housing) were not in the file: untouched.
    const housing = await db
      .from('indicator_values')
      .where({ organisation_id: organisation.id, year: 2023, breakdown: 'housing' })
      .count('* as n')
    assert.equal(Number(housing[0].n), 4)
  })

  test('a bad file is refused with precise messages and changes nothing', async ({ assert }) => {
    const organisation = await seeded()
    const tables = [
      'indicator_values',
      'reconciliation_runs',
      'reconciliation_results',
      'programmes',
      'territories',
    ]
    const counts = await tableCounts(tables)
    const nextYear = new Date().getFullYear() + 1
    const path = await csv([
      '2023;jeunes_accompagnes;;;;;10300',
      '2023;jeunes_inventes;;;;;12',
      '2023;contrats_signes;;;;;-4',
      '2023;jeunes_accompagnes;;Atlantide;;;10',
      `${nextYear};jeunes_accompagnes;;;;;10`,
      '2023;primo_accueillis;;;;;12.5',
      '2023;jeunes_accompagnes;;Rennes (ville) / Centre;;;1',
      '2023;contacts_jeunes;;Brocéliande / Brocéliande;;;1',
      "2023;contacts_jeunes;;;Tranche d'âge;Mineurs;1",
    ])
    const outcome = await importFile(definition, path, actor(organisation))
    assert.equal(outcome.record.status, 'rejected')
    const messages = outcome.issues.map((i) => `${i.line}: ${i.message}`)
    assert.include(
      messages,
      '3: indicateur inconnu : « jeunes_inventes » (voir le catalogue des indicateurs)'
    )
    assert.include(messages, '4: valeur négative (-4) : un effectif ne peut pas être négatif')
    assert.include(messages, '5: territoire inconnu : « Atlantide »')
    assert.include(
      messages,
      `6: année dans le futur (${nextYear}) : les valeurs d'une année ne sont importées qu'une fois constatées`
    )
    assert.include(
      messages,
      '7: « Jeunes en premier accueil (primo-accueillis) » est un effectif : nombre entier attendu'
    )
    assert.include(messages, "10: « Contacts jeunes » ne se ventile pas par tranche d'âge")
    // An antenna's name designates the antenna, an area is reached as "Antenne / Secteur".
    assert.notExists(outcome.issues.find((i) => i.line === 8))
    assert.include(messages, '9: « Contacts jeunes » ne se donne pas par territoire')
    const issue = outcome.issues.find((i) => i.line === 3)!
    assert.equal(issue.column, 'B (Indicateur)')
    assert.equal(issue.value, 'jeunes_inventes')
    assert.deepEqual(await tableCounts(tables), counts)
    assert.equal(Number((await value(organisation, 'jeunes_accompagnes', 2023)).value), 10296)
  })

  test('only activity writers may import, and values stay in their organisation', async ({
    client,
    assert,
  }) => {
    const organisation = await seeded()
    const other = await makeOrganisation('Autre ML')
    const board = await makeUser(organisation, ['board'])
    const finance = await makeUser(organisation, ['finance'])
    const path = await csv(['2023;jeunes_accompagnes;;;;;1'])
    const counts = await tableCounts(['indicator_values', 'imports'])
    for (const user of [board, finance]) {
      const response = await client
        .post('/imports/activite')
        .file('fichier', path)
        .withCsrfToken()
        .actingAs(user)
      response.assertStatus(403)
    }
    assert.deepEqual(await tableCounts(['indicator_values', 'imports']), counts)

    // The other organisation has no catalogue: its file is refused, ours is untouched.
    const outcome = await importFile(definition, path, actor(other))
    assert.equal(outcome.record.status, 'rejected')
    assert.equal(Number((await value(organisation, 'jeunes_accompagnes', 2023)).value), 10296)
  })
})

test.group('Activity integrity in PostgreSQL', (group) => {
  isolated(group)

  test('an area hangs under an antenna, and a value stays within its organisation', async ({
    assert,
  }) => {
    const organisation = await seeded()
    const other = await makeOrganisation('Autre')
    const area = await db
      .from('territories')
      .where({ organisation_id: organisation.id })
      .whereNotNull('parent_id')
      .firstOrFail()
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.table('territories').insert({
            organisation_id: organisation.id,
            code: 'sous-secteur',
            name: 'Sous-secteur',
            kind: 'commune',
            parent_id: area.id,
          })
        ),
      /un secteur se rattache à une antenne/
    )
    const antenna = await db
      .from('territories')
      .where({ organisation_id: organisation.id })
      .whereNull('parent_id')
      .firstOrFail()
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.table('territories').insert({
            organisation_id: other.id,
            code: 'x',
            name: 'X',
            kind: 'commune',
            parent_id: antenna.id,
          })
        ),
      /autre organisation/
    )
    const indicator = await db
      .from('indicators')
      .where({ organisation_id: organisation.id, code: 'jeunes_accompagnes' })
      .firstOrFail()
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx
            .table('indicator_values')
            .insert({ organisation_id: other.id, year: 2023, indicator_id: indicator.id, value: 1 })
        ),
      // The composite foreign key (organisation_id, indicator_id) refuses it (ADR 8).
      /indicator_values_indicator_id_foreign/
    )
  })
})
