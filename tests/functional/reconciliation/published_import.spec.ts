import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isolated, makeOrganisation, tableCounts } from '#tests/helpers'
import definition from '#imports/reconciliation/published_report'
import { importFile } from '#imports/core/pipeline'
import { parsePublishedJson, storePublishedReport } from '#reconciliation/published_format'
import { actingAs } from '#support/request_context'

async function csv(lines: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'socle-publie-'))
  const path = join(dir, 'rapport.csv')
  await writeFile(
    path,
    ['Année;Domaine;Tableau;Ligne;Colonne;Valeur;Texte;Unité', ...lines].join('\n')
  )
  return path
}

test.group('Published report import', (group) => {
  isolated(group)

  test('a file replaces its domains for the year, keeps the others, and runs the checks', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Publié')
    const actor = { organisationId: organisation.id, userId: null, label: 'test' }
    await actingAs(actor, () =>
      db.transaction((trx) =>
        storePublishedReport(
          organisation.id,
          {
            year: 2023,
            title: 'Rapport 2023',
            values: [
              {
                domain: 'activity',
                table: 'key_figures',
                row: 'jeunes_accompagnes',
                column: 'value',
                value: 1,
                unit: 'count',
              },
              {
                domain: 'accounting',
                table: 'bilan',
                row: 'Total',
                column: '2023',
                value: 10,
                unit: 'eur',
              },
            ],
          },
          trx
        )
      )
    )
    const outcome = await importFile(
      definition,
      await csv([
        '2023;activity;key_figures;jeunes_accompagnes;value;10296;;effectif',
        '2023;activity;territories;Nord-Est;evolution;2;+2%;evolution',
      ]),
      actor
    )
    assert.deepEqual(outcome.issues, [])
    const values = await db
      .from('published_values')
      .where('organisation_id', organisation.id)
      .orderBy('id')
    assert.deepEqual(
      values.map((v) => [v.domain, v.table_key, Number(v.value)]),
      [
        ['accounting', 'bilan', 10],
        ['activity', 'key_figures', 10296],
        ['activity', 'territories', 2],
      ]
    )
    const run = await db
      .from('reconciliation_runs')
      .where({ organisation_id: organisation.id, trigger: 'import' })
      .first()
    assert.equal(run.year, 2023)
  })

  test('a bad file is refused line by line and changes nothing', async ({ assert }) => {
    const organisation = await makeOrganisation('Publié 2')
    const counts = await tableCounts([
      'published_reports',
      'published_values',
      'reconciliation_runs',
    ])
    const next = new Date().getFullYear() + 1
    const outcome = await importFile(
      definition,
      await csv([
        `${next};activity;key_figures;jeunes_accompagnes;value;1;;effectif`,
        '2023;activity;key_figures;primo;value;;;effectif',
        '2023;activity;key_figures;points;value;3;;litres',
      ]),
      { organisationId: organisation.id, userId: null, label: 'test' }
    )
    assert.equal(outcome.record.status, 'rejected')
    const messages = outcome.issues.map((i) => `${i.line}: ${i.message}`)
    assert.include(messages, `2: année dans le futur (${next})`)
    assert.include(messages, '3: ni valeur ni texte')
    assert.isTrue(messages.some((m) => m.startsWith('4: valeur inconnue')))
    assert.deepEqual(
      await tableCounts(['published_reports', 'published_values', 'reconciliation_runs']),
      counts
    )
  })

  test('the JSON format is validated before anything is stored', async ({ assert }) => {
    assert.deepEqual(parsePublishedJson('{', 2026).errors, ['fichier JSON illisible'])
    const bad = parsePublishedJson(
      JSON.stringify({
        year: 2023,
        title: 'R',
        values: [{ domain: 'activity', table: 't', row: 'r', column: 'c', unit: 'kg', value: 1 }],
      }),
      2026
    )
    assert.deepEqual(bad.errors, ['valeur n° 1 : unité inconnue « kg »'])
    const good = parsePublishedJson(
      JSON.stringify({
        year: 2023,
        title: 'R',
        values: [
          { domain: 'activity', table: 't', row: 'r', column: 'c', unit: 'count', value: 1 },
        ],
      }),
      2026
    )
    assert.equal(good.document?.values.length, 1)
  })
})
