import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { setupLedger } from '#tests/fixtures/accounting'
import type Organisation from '#models/core/organisation'
import { smallBoard } from '#tests/functional/governance/helpers'

const LEDGER = ['entries', 'entry_lines', 'journal_sequences']

function lineFields(lines: Array<Record<string, string>>) {
  const fields: Record<string, string> = {}
  lines.forEach((line, index) => {
    for (const [key, value] of Object.entries(line)) fields[`lines[${index}][${key}]`] = value
  })
  return fields
}

/** A programme, an antenna with one of its areas, and a convention of a funder. */
async function analytics(organisation: Organisation, suffix = '') {
  const org = organisation.id
  const [programme] = await db
    .table('programmes')
    .insert({
      organisation_id: org,
      code: `cej${suffix}`,
      name: `Contrat engagement jeune${suffix}`,
      level: 'national',
    })
    .returning('id')
  const [antenna] = await db
    .table('territories')
    .insert({
      organisation_id: org,
      code: `nord${suffix}`,
      name: `Antenne Nord${suffix}`,
      kind: 'antenna',
    })
    .returning('id')
  const [area] = await db
    .table('territories')
    .insert({
      organisation_id: org,
      parent_id: antenna.id,
      code: `centre${suffix}`,
      name: `Quartier Centre${suffix}`,
      kind: 'quartier',
    })
    .returning('id')
  const [funder] = await db
    .table('funders')
    .insert({ organisation_id: org, name: `Région Bretagne${suffix}`, category: 'region' })
    .returning('id')
  const [grant] = await db
    .table('grants')
    .insert({
      organisation_id: org,
      funder_id: funder.id,
      reference: `REG-1${suffix}`,
      title: 'Accompagnement renforcé',
      period_start: '2024-01-01',
      period_end: '2024-12-31',
      amount_awarded: '50000',
    })
    .returning('id')
  return { programme: programme.id, antenna: antenna.id, area: area.id, grant: grant.id }
}

test.group('Forms choose records by name', (group) => {
  isolated(group)

  test('the entry form offers accounts, programmes, conventions and territories by name', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    await setupLedger(organisation, [2024])
    const ids = await analytics(organisation)
    const finance = await makeUser(organisation, ['finance'])
    const html = (await client.get('/comptabilite/ecritures/nouvelle').actingAs(finance)).text()
    // No analytic field is typed as a number any more.
    assert.notMatch(html, /<input name="lines\[\d+\]\[(programmeId|grantId|territoryId)\]"/)
    assert.include(html, '<select name="lines[0][programmeId]" aria-label="Dispositif, ligne 1">')
    assert.include(html, '<optgroup label="National">')
    assert.match(
      html,
      new RegExp(`<option value="${ids.programme}"\\s*>Contrat engagement jeune</option>`)
    )
    assert.include(html, '<optgroup label="Région Bretagne">')
    assert.match(
      html,
      new RegExp(`<option value="${ids.grant}"\\s*>REG-1 – Accompagnement renforcé</option>`)
    )
    // Areas under their antenna.
    assert.match(
      html,
      /<optgroup label="Antenne Nord">\s*<option value="\d+"\s*>Antenne Nord<\/option>\s*<option value="\d+"\s*>Quartier Centre<\/option>/
    )
    // Accounts are suggested as the number is typed, with their names.
    assert.include(html, 'list="comptes-du-plan"')
    assert.include(html, '<option value="6411">6411 – Salaires, appointements</option>')
    // The ledger filters name them too.
    const balance = (await client.get('/comptabilite/balance').actingAs(finance)).text()
    assert.notInclude(balance, 'Programme n°')
    assert.include(balance, '<select name="programme">')
    assert.include(balance, '<select name="financement">')
    assert.include(balance, '<select name="territoire">')
  })

  test('a line keeps the records chosen; one of another organisation is refused', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const ledger = await setupLedger(organisation, [2024])
    const ids = await analytics(organisation)
    const other = await makeOrganisation('Autre Mission Locale')
    const foreign = await analytics(other, ' (autre)')
    const finance = await makeUser(organisation, ['finance'])
    const post = (line: Record<string, string>) =>
      client
        .post('/comptabilite/ecritures')
        .form({
          journalId: ledger.journal.OD,
          entryDate: '2024-04-01',
          label: 'Loyer avril',
          ...lineFields([
            { accountNumber: '6132', debit: '800,00', ...line },
            {
              accountNumber: '512',
              credit: '800,00',
              programmeId: '',
              grantId: '',
              territoryId: '',
            },
          ]),
        })
        .withCsrfToken()
        .actingAs(finance)
        .redirects(0)

    const accepted = await post({
      programmeId: String(ids.programme),
      grantId: String(ids.grant),
      territoryId: String(ids.area),
    })
    accepted.assertStatus(302)
    const line = await db
      .from('entry_lines')
      .where({ organisation_id: organisation.id, account_number: '6132' })
      .firstOrFail()
    assert.equal(line.programme_id, ids.programme)
    assert.equal(line.grant_id, ids.grant)
    assert.equal(line.territory_id, ids.area)
    // Its edit form shows them chosen.
    const edit = (
      await client.get(`/comptabilite/ecritures/${line.entry_id}/modifier`).actingAs(finance)
    ).text()
    assert.match(edit, new RegExp(`<option value="${ids.programme}"\\s*selected>`))
    assert.match(edit, new RegExp(`<option value="${ids.area}"\\s*selected>`))

    const before = await tableCounts(LEDGER)
    for (const [field, message] of [
      ['programmeId', 'Ligne 1 : dispositif inconnu dans cette organisation.'],
      ['grantId', 'Ligne 1 : convention inconnue dans cette organisation.'],
      ['territoryId', 'Ligne 1 : territoire inconnu dans cette organisation.'],
    ] as const) {
      const key = field === 'programmeId' ? 'programme' : field === 'grantId' ? 'grant' : 'area'
      const refused = await post({ [field]: String(foreign[key]) })
      refused.assertFlashMessage('error', message)
    }
    const typed = await post({ programmeId: 'douze' })
    typed.assertStatus(302)
    assert.include(Object.keys(typed.flashMessages().inputErrorsBag ?? {}), 'lines.0.programmeId')
    assert.deepEqual(await tableCounts(LEDGER), before)
  })

  test('a resolution names its fiscal year; one of another organisation is refused', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const ledger = await setupLedger(organisation, [2023, 2024])
    const { meeting } = await smallBoard(organisation, { members: 3 })
    const other = await makeOrganisation('Autre Mission Locale')
    const foreign = await setupLedger(other, [2023])
    const direction = await makeUser(organisation, ['direction'])
    const page = (await client.get(`/gouvernance/seances/${meeting.id}`).actingAs(direction)).text()
    assert.notMatch(page, /name="fiscalYearId" type="number"/)
    assert.match(page, /<select id="champ-fiscalYearId" name="fiscalYearId"/)
    assert.match(
      page,
      new RegExp(`<option value="${ledger.fiscalYears[2023]}"\\s*>Exercice 2023</option>`)
    )
    const add = (fiscalYearId: number) =>
      client
        .post(`/gouvernance/seances/${meeting.id}/resolutions`)
        .form({
          title: 'Approbation des comptes 2023',
          majority: 'simple',
          subjectKind: 'approve_accounts',
          fiscalYearId: String(fiscalYearId),
        })
        .withCsrfToken()
        .actingAs(direction)
        .redirects(0)
    const before = await tableCounts(['resolutions'])
    const refused = await add(foreign.fiscalYears[2023])
    refused.assertFlashMessage(
      'error',
      'Référence inconnue : l’élément choisi n’existe pas (ou plus) dans votre organisation.'
    )
    assert.deepEqual(await tableCounts(['resolutions']), before)
    const accepted = await add(ledger.fiscalYears[2023])
    accepted.assertStatus(302)
    const saved = await db.from('resolutions').where('meeting_id', meeting.id).firstOrFail()
    assert.equal(saved.fiscal_year_id, ledger.fiscalYears[2023])
  })
})
