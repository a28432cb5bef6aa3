import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
  tenantOf,
} from '#tests/helpers'
import { apiGet, tokenFor } from '#tests/functional/api/tokens'
import { ensureCatalogue } from '#actions/activity/indicator_catalogue'
import { reconciliationSection } from '#reports/governance/board_pack/others'
import { describeReconciliation, reconcileAfterImport } from '#reconciliation/after_import'
import Meeting from '#models/governance/meeting'
import { actingAs } from '#support/request_context'
import type Organisation from '#models/core/organisation'

/*
 * An outlier ratio is not a discrepancy (issue #14): the funding checks' values far from the
 * median or from N-1 are « Valeur atypique », shown and counted apart from the discrepancies on
 * the page, in its workbook, in the API and in the board pack.
 */

const OUTLIER = 'CEJ : financement par bénéficiaire'
const GAP = 'Jeunes accompagnés : somme des antennes = total'
const UNSTAFFED = 'CEJ : temps affecté et financement'

async function put(
  organisation: Organisation,
  indicator: string,
  value: number,
  extra: { year?: number; territory?: number; programme?: number } = {}
) {
  const row = await db
    .from('indicators')
    .where({ organisation_id: organisation.id, code: indicator })
    .firstOrFail()
  await db.table('indicator_values').insert({
    organisation_id: organisation.id,
    year: extra.year ?? 2023,
    indicator_id: row.id,
    territory_id: extra.territory ?? null,
    programme_id: extra.programme ?? null,
    value,
  })
}

/**
 * A programme whose funding per beneficiary doubles from 2022 (100 €) to 2023 (200 €): an
 * atypical value; two discrepancies: an antenna that does not make the total, and the funded
 * programme without staff time.
 */
async function setup() {
  const organisation = await makeOrganisation('Valeurs atypiques')
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction((trx) => ensureCatalogue(organisation.id, trx))
  )
  const org = { organisation_id: organisation.id }
  await db.table('fiscal_years').insert({
    ...org,
    label: '2023',
    start_date: '2023-01-01',
    end_date: '2023-12-31',
  })
  const [antenna] = await db
    .table('territories')
    .insert({ ...org, code: 'nord', name: 'Nord', kind: 'antenna' })
    .returning('id')
  const [programme] = await db
    .table('programmes')
    .insert({ ...org, code: 'CEJ', name: 'CEJ', level: 'national' })
    .returning('id')
  const [funder] = await db
    .table('funders')
    .insert({ ...org, name: 'Région', category: 'region' })
    .returning('id')
  const [grant] = await db
    .table('grants')
    .insert({
      ...org,
      funder_id: funder.id,
      reference: 'R-1',
      title: 'CEJ',
      period_start: '2022-01-01',
      period_end: '2023-12-31',
      amount_awarded: 50000,
      status: 'signed',
    })
    .returning('id')
  await db.table('grant_years').multiInsert([
    { ...org, grant_id: grant.id, year: 2022, amount: 10000 },
    { ...org, grant_id: grant.id, year: 2023, amount: 24000 },
  ])
  await db
    .table('grant_programmes')
    .insert({ ...org, grant_id: grant.id, programme_id: programme.id })
  await put(organisation, 'beneficiaires_dispositif', 100, { programme: programme.id, year: 2022 })
  await put(organisation, 'beneficiaires_dispositif', 120, { programme: programme.id })
  await put(organisation, 'jeunes_accompagnes', 100)
  await put(organisation, 'jeunes_accompagnes', 90, { territory: antenna.id })
  return organisation
}

/** The rows of the page's results table, each as its visible text. */
function resultRows(html: string) {
  const table = html.split('id="resultats-rapprochement"')[1].split('</table>')[0]
  return table
    .split('<tbody>')[1]
    .split('</tr>')
    .slice(0, -1)
    .map((row) => row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '))
}

async function latestRun(organisation: Organisation) {
  return inspecting(() =>
    db
      .from('reconciliation_runs')
      .where({ organisation_id: organisation.id, year: 2023 })
      .orderBy('id', 'desc')
      .firstOrFail()
  )
}

test.group('Reconciliation: an outlier is an atypical value, not a discrepancy', (group) => {
  isolated(group)
  group.each.timeout(120_000)

  test('stored and counted apart; the page shows « Valeur atypique » and filters on it', async ({
    client,
    assert,
  }) => {
    const organisation = await setup()
    const finance = await makeUser(organisation, ['finance'])
    const run = await client
      .post('/rapprochements/executions')
      .form({ annee: 2023 })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    run.assertStatus(302)
    const flash = String(run.flashMessages().success)
    assert.include(flash, '2 écart(s), 1 valeur(s) atypique(s) à expliquer')

    const stored = await latestRun(organisation)
    const results = await inspecting(() =>
      db.from('reconciliation_results').where('run_id', stored.id).select('check_id', 'status')
    )
    const statusOf = (id: string) => results.find((r) => r.check_id === id)?.status
    assert.equal(statusOf('funding.per_beneficiary:CEJ'), 'atypical')
    assert.equal(statusOf('activity.territories_vs_total:jeunes_accompagnes'), 'discrepancy')
    assert.equal(stored.checks_atypical, 1)
    assert.equal(stored.checks_discrepancy, 2)
    assert.equal(results.filter((r) => r.status === 'discrepancy').length, 2)

    const page = await client.get('/rapprochements?annee=2023').actingAs(finance)
    page.assertStatus(200)
    const html = page.text()
    assert.match(html, /<span>Écarts<\/span><div class="kpi">2<\/div>/)
    assert.match(html, /<span>Valeurs atypiques<\/span><div class="kpi">1<\/div>/)
    assert.match(html, /<option value="atypical"[^>]*>Valeur atypique<\/option>/)
    const rows = resultRows(html)
    const outlier = rows.findIndex((row) => row.includes(OUTLIER))
    const gap = rows.findIndex((row) => row.includes(GAP))
    assert.include(rows[outlier], 'Valeur atypique')
    assert.notInclude(rows[outlier], 'Écart')
    assert.match(html, /<span class="badge warn">Valeur atypique<\/span>/)
    // Discrepancies first, then the atypical values, then the rest.
    assert.equal(gap, 0)
    assert.equal(outlier, 2)

    const onlyAtypical = await client
      .get('/rapprochements?annee=2023&statut=atypical')
      .actingAs(finance)
    assert.deepEqual(
      resultRows(onlyAtypical.text()).map((row) => row.includes(OUTLIER)),
      [true]
    )
    const onlyDiscrepancies = await client
      .get('/rapprochements?annee=2023&statut=discrepancy')
      .actingAs(finance)
    const discrepancyRows = resultRows(onlyDiscrepancies.text())
    assert.lengthOf(discrepancyRows, 2)
    assert.include(discrepancyRows[0], GAP)
    assert.include(discrepancyRows[1], UNSTAFFED)

    const workbook = await readWorkbook(
      await client.get('/rapprochements/export.xlsx?annee=2023').actingAs(finance)
    )
    const sheet = workbook.getWorksheet('Rapprochements 2023')!
    const statuses = new Map<string, string>()
    sheet.eachRow((row, index) => {
      if (index > 1) statuses.set(String(row.getCell(5).value), String(row.getCell(1).value))
    })
    assert.equal(statuses.get(OUTLIER), 'Valeur atypique')
    assert.equal(statuses.get(GAP), 'Écart')
  })

  test('an unknown status in the filter is refused in French and runs nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await setup()
    const finance = await makeUser(organisation, ['finance'])
    const counts = await tableCounts(['reconciliation_runs', 'reconciliation_results'])
    const response = await client
      .get('/rapprochements?annee=2023&statut=atypique')
      .actingAs(finance)
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors.statut, ['La valeur choisie pour statut est invalide.'])
    assert.deepEqual(await tableCounts(['reconciliation_runs', 'reconciliation_results']), counts)
  })

  test('the API gives the status and counts it apart; openapi.json lists it', async ({
    client,
    assert,
  }) => {
    const organisation = await setup()
    const direction = await makeUser(organisation, ['direction'])
    await reconcileAfterImport(tenantOf(organisation), [2023])
    const token = await tokenFor(direction)
    const response = await apiGet(client, '/api/v1/rapprochements?annee=2023', token.value)
    response.assertStatus(200)
    const body = response.body()
    const outlier = body.results.find(
      (r: { check_id: string }) => r.check_id === 'funding.per_beneficiary:CEJ'
    )
    assert.equal(outlier.status, 'atypical')
    assert.equal(outlier.status_label, 'Valeur atypique')
    assert.equal(body.run.checks.atypical, 1)
    assert.equal(body.run.checks.discrepancy, 2)

    const openapi = (await client.get('/api/v1/openapi.json')).body()
    const schema = openapi.components.schemas.Reconciliation
    const status = schema.properties.results.items.properties.status
    assert.sameMembers(status.enum, ['ok', 'rounding', 'discrepancy', 'atypical', 'missing_data'])
    const checks = schema.properties.run.oneOf[0].properties.checks
    assert.includeMembers(checks.required, ['discrepancy', 'atypical'])
  })

  test('the board pack lists the atypical values apart from the open discrepancies', async ({
    assert,
  }) => {
    const organisation = await setup()
    const reconciled = await reconcileAfterImport(tenantOf(organisation), [2023])
    assert.equal(
      describeReconciliation(reconciled),
      'rapprochements 2023 : 2 écart(s), 1 valeur(s) atypique(s), 0 arrondi(s)'
    )
    const blocks = await reconciliationSection({
      tenant: tenantOf(organisation),
      meeting: new Meeting(),
      day: DateTime.fromISO('2024-06-20'),
      year: { id: 0, label: '2023', endYear: 2023 },
      organisation: organisation.name,
    })
    const tables = blocks.flatMap((block) => (block.kind === 'table' ? [block] : []))
    assert.lengthOf(tables, 2)
    assert.match(tables[0].title, /^Écarts ouverts au rapprochement du [\d/]+ \(2\)$/)
    assert.deepEqual(
      tables[0].rows.map((row) => row.title),
      [`${GAP} (nombre)`, `${UNSTAFFED} (euros)`]
    )
    assert.equal(tables[1].title, 'Valeurs atypiques à expliquer, hors écarts (1)')
    assert.deepEqual(
      tables[1].rows.map((row) => row.title),
      [OUTLIER]
    )
    assert.match(String(tables[1].rows[0].explanation), /^Valeur atypique : /)
  })
})
