import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { isolated, makeOrganisation, makeUser } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedActivity } from '#database/seeders/activity'
import { KeyFigures, type KeyTable } from '#reports/activity/key_figures'
import { parseEvolution } from '#reports/activity/evolution'
import { actingAs } from '#support/request_context'
import { keyTableWorkbook } from '#exports/activity/key_figures'
import ExcelJS from 'exceljs'

async function seeded(name = 'We Ker chiffres clés') {
  const organisation = await makeOrganisation(name)
  const rapport = await loadRapport2023()
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction((trx) => seedActivity(organisation, rapport, trx))
  )
  return { organisation, rapport }
}

function table(tables: KeyTable[], key: string) {
  const found = tables.find((t) => t.key === key)
  if (!found) throw new Error(`table ${key} absente`)
  return found
}

const num = (v: unknown) =>
  v === null || v === undefined ? null : new Decimal(v as any).toNumber()
/** Printed evolutions and shares are rounded to the unit: within one point. */
const closePercent = (assert: any, ratio: unknown, printed: string | number, label: string) => {
  const expected =
    typeof printed === 'number' ? printed : parseEvolution(printed)!.times(100).toNumber()
  assert.isAtMost(Math.abs(new Decimal(ratio as any).times(100).toNumber() - expected), 1, label)
}

test.group('Activity key figures', (group) => {
  isolated(group)

  test('the demo reproduces every activity table of the reference', async ({ assert }) => {
    const { organisation, rapport } = await seeded()
    const a = rapport.activity
    const report = await new KeyFigures(
      { organisationId: organisation.id, userId: null, label: 'test' },
      { year: 2023 }
    ).build()
    assert.isFalse(report.empty)

    const card = (label: string) => num(report.cards.find((c) => c.label === label)?.value)
    assert.equal(card('Jeunes accompagnés'), a.key_figures.jeunes_accompagnes)
    assert.equal(card('Primo-accueillis'), a.key_figures.primo_accueillis)
    assert.equal(card('Contacts jeunes'), a.key_figures.contacts_jeunes)
    assert.equal(card('Dont entretiens individuels'), a.key_figures.entretiens_individuels)
    assert.equal(card('Services proposés'), a.key_figures.services_proposes)
    // « Salariés » and « budget » come from the register and the ledger, never typed: this
    // organisation has neither, so neither card is shown (the typed values are not read).
    assert.isFalse(report.cards.some((c) => /salariés|budget/i.test(c.label)))
    assert.equal(
      Math.round(card('Entretiens par jeune accompagné')!),
      a.key_figures.contacts_per_young_person
    )
    closePercent(
      assert,
      report.cards.find((c) => c.label === 'Jeunes accompagnés')!.evolution,
      a.public.jeunes_accompagnes_evolution,
      'évolution des jeunes accompagnés'
    )

    const shares: Array<[string, Record<string, number>]> = [
      ['contacts-canal', a.contacts_by_channel_percent],
      ['services-theme', a.services_by_theme_percent],
      ['services-type', a.services_by_type_percent],
      ['secteurs', a.outcomes.top_sectors_percent],
    ]
    for (const [key, printed] of shares) {
      const rows = table(report.tables, key).rows
      assert.deepEqual(
        rows.map((r) => [r.label, Math.round(num(r.share)! * 100)]),
        Object.entries(printed),
        key
      )
    }

    const territories = table(report.tables, 'territoires')
    const expectedTerritories = a.territories.flatMap((t: any) => [
      [t.antenna, t.jeunes_accompagnes, t.premiers_accueils],
      ...t.areas.map(([name, count]: [string, number]) => [name, count, null]),
    ])
    assert.deepEqual(
      territories.rows.map((r) => [r.label, num(r.young), num(r.first)]),
      expectedTerritories
    )
    for (const t of a.territories) {
      const row = territories.rows.find((r) => r.label === t.antenna)!
      closePercent(assert, row.youngEvolution, t.evolution, t.antenna)
      closePercent(assert, row.firstEvolution, t.premiers_accueils_evolution, t.antenna)
    }

    const programmes = table(report.tables, 'dispositifs')
    assert.deepEqual(
      programmes.rows.map((r) => [r.label, num(r.value), r.fse === 'FSE+']),
      a.programmes.rows.map((r: any) => [r.name, r.beneficiaries, r.fse === true])
    )
    for (const printed of a.programmes.rows.filter((r: any) => r.evolution)) {
      closePercent(
        assert,
        programmes.rows.find((r) => r.label === printed.name)!.evolution,
        printed.evolution,
        printed.name
      )
    }

    const publicTables: Array<[string, Array<[string, number, string]>]> = [
      ['age', a.public.age_of_young_people_supported],
      ['age-premier-accueil', a.public.age_at_first_welcome],
      ['niveau-valide', a.public.validated_level],
      ['niveau-atteint', a.public.attained_level],
      ['logement', a.public.housing],
      ['annee-premier-accueil', a.public.first_welcome_year],
    ]
    for (const [key, printed] of publicTables) {
      const rows = table(report.tables, key).rows
      for (const [label, count, percent] of printed) {
        const row = rows.find((r) => r.label === label)
        assert.exists(row, `${key} / ${label}`)
        assert.equal(num(row!.count), count, `${key} / ${label}`)
        closePercent(assert, row!.share, percent, `${key} / ${label}`)
      }
    }

    const outcomes = table(report.tables, 'resultats').rows
    const outcome = (label: string) => num(outcomes.find((r) => r.label === label)?.value)
    const o = a.outcomes
    assert.equal(outcome('Contrats de travail signés'), o.contracts_signed)
    assert.equal(outcome('dont CDI'), o.cdi)
    assert.equal(outcome('dont CDD'), o.cdd)
    assert.equal(outcome("dont Création d'activité"), o.creation_activite)
    assert.equal(outcome('Contrats en intérim'), o.cdd_interim['2023'])
    assert.equal(
      num(outcomes.find((r) => r.label === 'Contrats en intérim')!.previous),
      o.cdd_interim['2022']
    )
    assert.equal(outcome('Entrées en formation préqualifiante'), o.pre_qualification_entries)
    assert.equal(outcome('Entrées en formation qualifiante'), o.qualifying_training_entries)
    assert.equal(outcome('dont PMSMP'), o.pmsmp)
    assert.equal(outcome('dont Service civique'), o.service_civique)
    assert.equal(outcome('Contrats en alternance'), o.alternance)
    assert.equal(outcome('dont Apprentissage'), o.apprentissage)
    assert.equal(outcome('dont Professionnalisation'), o.professionnalisation)
    closePercent(
      assert,
      outcomes.find((r) => r.label === 'Immersions')!.evolution,
      o.immersions_evolution,
      'immersions'
    )

    // The Excel export holds real numbers.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await keyTableWorkbook(territories)) as any)
    const sheet = workbook.worksheets[0]
    assert.equal(sheet.getCell('A2').value, 'Rennes (ville)')
    assert.strictEqual(sheet.getCell('B2').value, 6044)
    assert.closeTo(sheet.getCell('C2').value as number, 0.04, 0.005)
  })

  test('the page shows the figures with charts, exports real numbers, and stays in its organisation', async ({
    client,
    assert,
  }) => {
    const { organisation } = await seeded()
    const user = await makeUser(organisation, ['board'])
    const page = await client.get('/activite?annee=2023').actingAs(user)
    page.assertStatus(200)
    assert.include(page.text(), 'Rennes Métropole')
    assert.include(page.text(), 'data-chart')
    assert.include(page.text(), '/activite/tableaux/territoires/export.xlsx?annee=2023')

    const xlsx = await client
      .get('/activite/tableaux/territoires/export.xlsx?annee=2023')
      .actingAs(user)
    xlsx.assertStatus(200)
    xlsx.assertHeader(
      'content-type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    const all = await client.get('/activite/chiffres-cles.xlsx?annee=2023').actingAs(user)
    all.assertStatus(200)

    const other = await makeOrganisation('Autre Mission Locale')
    const stranger = await makeUser(other, ['admin'])
    const foreign = await client.get('/activite?annee=2023').actingAs(stranger)
    foreign.assertStatus(200)
    assert.notInclude(foreign.text(), 'Rennes Métropole')
    const values = await client.get('/activite/valeurs?annee=2023').actingAs(stranger)
    assert.notInclude(values.text(), 'Rennes')
  })
})

test.group('Activity programmes and territories pages', (group) => {
  isolated(group)

  test('list programmes with both sources, show a programme page, list territories', async ({
    client,
    assert,
  }) => {
    const { organisation } = await seeded('We Ker dispositifs')
    const user = await makeUser(organisation, ['quality'])
    const list = await client.get('/activite/dispositifs?annee=2023').actingAs(user)
    list.assertStatus(200)
    assert.include(list.text(), 'Dedans/Dehors - jeunes sous main de justice')
    const page = await client.get('/activite/dispositifs/DEDANS_DEHORS?annee=2023').actingAs(user)
    page.assertStatus(200)
    assert.include(page.text(), 'Personnes accompagnées')
    assert.include(page.text(), '276')
    const unknown = await client.get('/activite/dispositifs/INCONNU?annee=2023').actingAs(user)
    unknown.assertStatus(404)
    const territories = await client.get('/activite/territoires?annee=2023').actingAs(user)
    territories.assertStatus(200)
    assert.include(territories.text(), 'Saint-Sulpice-la-forêt')
    for (const url of [
      '/activite/dispositifs.xlsx?annee=2023',
      '/activite/territoires.xlsx?annee=2023',
    ]) {
      const xlsx = await client.get(url).actingAs(user)
      xlsx.assertStatus(200)
    }

    const stranger = await makeUser(await makeOrganisation('Ailleurs'), ['admin'])
    const foreign = await client
      .get('/activite/dispositifs/DEDANS_DEHORS?annee=2023')
      .actingAs(stranger)
    foreign.assertStatus(404)
    const foreignList = await client.get('/activite/territoires?annee=2023').actingAs(stranger)
    assert.notInclude(foreignList.text(), 'Saint-Sulpice-la-forêt')
  })
})
