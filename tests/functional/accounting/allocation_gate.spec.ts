import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import { demoOrganisation, isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { asOrg, setupLedger, simpleLines } from '#tests/fixtures/accounting'
import { meetingOf, resolutionOf } from '#tests/fixtures/general_assembly'
import { createDraft } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import { closeFiscalYear } from '#actions/accounting/year_end'
import Meeting from '#models/governance/meeting'
import { DEMO_ASSEMBLIES } from '#database/seeders/governance'

/**
 * The general assembly's gate on the allocation of the result (issue #14): the form chooses,
 * by name, an adopted resolution of a general assembly allocating that year's result; anything
 * else is refused in French with nothing written, and PostgreSQL refuses it too (migration 8700).
 */

const TABLES = ['result_allocations', 'entries', 'entry_lines', 'audit_events']
const LABEL = 'AG du 20 juin 2024 — Affectation du résultat 2023'

async function sale(organisation: Organisation, journalId: number, day: string, amount: string) {
  await asOrg(organisation, async () => {
    const draft = await createDraft({
      journalId,
      entryDate: day,
      label: 'Prestation',
      lines: simpleLines(amount, '512', '706'),
    })
    await validateEntry(draft.id)
  })
}

/**
 * 2022 and 2023 closed (2023: a surplus of 1 000,00), 2024 open; the June 2024 general assembly
 * with its two resolutions on 2023, and every kind of resolution the gate must refuse.
 */
async function world() {
  const organisation = await makeOrganisation()
  const ledger = await setupLedger(organisation, [2022, 2023, 2024])
  const finance = await makeUser(organisation, ['finance'])
  await sale(organisation, ledger.journal.OD, '2022-05-31', '500.00')
  await sale(organisation, ledger.journal.OD, '2023-06-30', '1000.00')
  for (const year of [2022, 2023]) {
    await asOrg(organisation, () =>
      db.transaction((trx) => closeFiscalYear(trx, organisation.id, ledger.fiscalYears[year], null))
    )
  }
  const y2022 = ledger.fiscalYears[2022]
  const y2023 = ledger.fiscalYears[2023]
  const ag2024 = await meetingOf(organisation, {
    day: '2024-06-20',
    title: 'Assemblée générale ordinaire du 20 juin 2024',
  })
  const approval = await resolutionOf(organisation, ag2024, {
    title: "Approbation des comptes de l'exercice 2023",
    fiscalYearId: y2023,
    subjectKind: 'approve_accounts',
  })
  const adopted = await resolutionOf(organisation, ag2024, {
    title: 'Affectation du résultat 2023',
    fiscalYearId: y2023,
  })
  const pending = await resolutionOf(organisation, ag2024, {
    title: 'Affectation complémentaire (en attente)',
    fiscalYearId: y2023,
    result: 'pending',
  })
  const board = await resolutionOf(
    organisation,
    await meetingOf(organisation, {
      kind: 'ca',
      day: '2024-06-13',
      title: "Conseil d'administration du 13 juin 2024",
    }),
    { title: "Proposition d'affectation du résultat 2023", fiscalYearId: y2023 }
  )
  const rejected = await resolutionOf(
    organisation,
    await meetingOf(organisation, { kind: 'ag_extraordinaire', day: '2024-03-12' }),
    { title: 'Affectation du résultat 2023 aux réserves', fiscalYearId: y2023, result: 'rejected' }
  )
  const of2022 = await resolutionOf(
    organisation,
    await meetingOf(organisation, { day: '2023-06-20' }),
    { title: 'Affectation du résultat 2022', fiscalYearId: y2022 }
  )
  // Another organisation's general assembly, adopted, on its own 2023.
  const other = await makeOrganisation('Mission Locale Voisine')
  const otherLedger = await setupLedger(other, [2023])
  const foreign = await resolutionOf(other, await meetingOf(other), {
    title: 'Affectation du résultat 2023',
    fiscalYearId: otherLedger.fiscalYears[2023],
  })
  return {
    organisation,
    finance,
    ledger,
    y2022,
    y2023,
    resolutions: { approval, adopted, pending, board, rejected, of2022, foreign },
  }
}

/** The options of the allocation form of one fiscal year, as the page shows them. */
function allocationOptions(html: string, fiscalYearId: number) {
  const form = html.match(
    new RegExp(
      `<form method="POST" action="/comptabilite/exercices/${fiscalYearId}/affectation">([\\s\\S]*?)</form>`
    )
  )
  if (!form) return null
  const select = form[1].match(/<select[^>]*name="resolutionId"[^>]*>([\s\S]*?)<\/select>/)
  if (!select) return null
  return [...select[1].matchAll(/<option value="(\d*)"[^>]*>([^<]*)<\/option>/g)].map((m) => ({
    value: m[1],
    label: m[2].replaceAll('&#39;', "'").replaceAll('&amp;', '&').trim(),
  }))
}

test.group('Allocation of the result | the general assembly gate', (group) => {
  isolated(group)

  test('the form offers, by name, only the adopted general assembly resolution of that year', async ({
    client,
    assert,
  }) => {
    const { finance, y2022, y2023, resolutions } = await world()
    const page = await client.get('/comptabilite/exercices').actingAs(finance)
    page.assertStatus(200)
    const html = page.text()
    assert.deepEqual(allocationOptions(html, y2023), [
      { value: '', label: '— Choisir la résolution adoptée —' },
      { value: String(resolutions.adopted), label: LABEL },
    ])
    assert.deepEqual(allocationOptions(html, y2022), [
      { value: '', label: '— Choisir la résolution adoptée —' },
      {
        value: String(resolutions.of2022),
        label: 'AG du 20 juin 2023 — Affectation du résultat 2022',
      },
    ])
    // No typed date or free text any more, and no internal number to type.
    assert.notInclude(html, 'name="decisionDate"')
    assert.notInclude(html, 'name="decisionText"')
    assert.notMatch(html, /<input[^>]*name="resolutionId"/)
  })

  test('finance posts the allocation choosing the resolution; the entry cites the assembly', async ({
    client,
    assert,
  }) => {
    const { organisation, finance, ledger, y2023, resolutions } = await world()
    const saved = await client
      .post(`/comptabilite/exercices/${y2023}/affectation`)
      .form({ resolutionId: resolutions.adopted, toReserves: '400,00', reserveAccount: '1068' })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    saved.assertStatus(302)
    saved.assertHeader('location', '/comptabilite/exercices')
    saved.assertFlashMessage('success', `Décision d’affectation enregistrée : ${LABEL}.`)
    const { rows } = await db.rawQuery(
      `SELECT id, resolution_id, to_char(decision_date, 'YYYY-MM-DD') AS decision_date, decision_text,
              result::text, to_reserves::text, to_report::text, entry_id
         FROM result_allocations WHERE organisation_id = ? AND fiscal_year_id = ?`,
      [organisation.id, y2023]
    )
    assert.lengthOf(rows, 1)
    const allocation = rows[0]
    assert.equal(allocation.resolution_id, resolutions.adopted)
    assert.equal(allocation.decision_date, '2024-06-20')
    assert.equal(allocation.decision_text, 'Affectation du résultat 2023')
    assert.deepEqual(
      [allocation.result, allocation.to_reserves, allocation.to_report],
      ['1000.00', '400.00', '600.00']
    )
    assert.isNull(allocation.entry_id)
    const audit = await db
      .from('audit_events')
      .where({ organisation_id: organisation.id, subject_type: 'result_allocations' })
      .where('subject_id', String(allocation.id))
      .firstOrFail()
    assert.include(audit.summary, LABEL)

    const posted = await client
      .post(`/comptabilite/exercices/${y2023}/affectation/comptabiliser`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    posted.assertStatus(302)
    posted.assertFlashMessage('success', 'Écriture d’affectation du résultat comptabilisée.')
    const after = await db.from('result_allocations').where('id', allocation.id).firstOrFail()
    const { rows: entries } = await db.rawQuery(
      `SELECT fiscal_year_id, status, label, piece_ref, to_char(entry_date, 'YYYY-MM-DD') AS day
         FROM entries WHERE id = ?`,
      [after.entry_id]
    )
    assert.deepEqual(entries[0], {
      fiscal_year_id: ledger.fiscalYears[2024],
      status: 'validated',
      label: 'Affectation du résultat 2023 (AG du 20/06/2024, résolution n° 2)',
      piece_ref: 'AG-2024-06-20',
      day: '2024-06-20',
    })
    const lines = await db
      .from('entry_lines')
      .where('entry_id', after.entry_id)
      .orderBy('line_no')
      .select('account_number', 'debit', 'credit')
    assert.deepEqual(
      lines.map((l: any) => `${l.account_number} ${l.debit} ${l.credit}`),
      ['120 1000.00 0.00', '110 0.00 600.00', '1068 0.00 400.00']
    )
    const page = await client.get('/comptabilite/exercices').actingAs(finance)
    assert.include(page.text(), LABEL)
    assert.include(page.text(), '(comptabilisée)')
  })

  test('a board, rejected, pending, 2022, approval, foreign or missing resolution is refused; nothing is written', async ({
    client,
    assert,
  }) => {
    const { finance, y2023, resolutions } = await world()
    const before = await tableCounts(TABLES)
    const post = (form: Record<string, unknown>) =>
      client
        .post(`/comptabilite/exercices/${y2023}/affectation`)
        .form({ toReserves: '0', ...form })
        .withCsrfToken()
        .actingAs(finance)
        .redirects(0)
    const refusals: Array<[Record<string, unknown>, string]> = [
      [
        { resolutionId: resolutions.board },
        "La résolution « Proposition d'affectation du résultat 2023 » a été votée par l’instance « Conseil d'administration », pas par l’assemblée générale : seule l’assemblée générale affecte le résultat.",
      ],
      [
        { resolutionId: resolutions.rejected },
        'La résolution « Affectation du résultat 2023 aux réserves » a été rejetée par l’assemblée générale : elle ne peut pas fonder l’affectation du résultat.',
      ],
      [
        { resolutionId: resolutions.pending },
        'La résolution « Affectation complémentaire (en attente) » n’est pas encore proclamée : l’affectation attend son adoption.',
      ],
      [
        { resolutionId: resolutions.of2022 },
        'La résolution « Affectation du résultat 2022 » affecte le résultat de l’exercice 2022, pas celui de l’exercice 2023.',
      ],
      [
        { resolutionId: resolutions.approval },
        "La résolution « Approbation des comptes de l'exercice 2023 » porte sur « Approbation des comptes de l'exercice », pas sur l’affectation du résultat.",
      ],
      [
        { resolutionId: resolutions.foreign },
        'Résolution introuvable : choisissez une résolution adoptée par l’assemblée générale.',
      ],
      [
        {},
        'Choisissez la résolution de l’assemblée générale qui affecte le résultat de l’exercice 2023.',
      ],
      [
        { decisionDate: '2024-06-18', decisionText: 'Résolution 3 : affectation du résultat.' },
        'Choisissez la résolution de l’assemblée générale qui affecte le résultat de l’exercice 2023.',
      ],
    ]
    for (const [form, message] of refusals) {
      const response = await post(form)
      response.assertStatus(303)
      response.assertFlashMessage('error', message)
      assert.property(response.flashMessages().inputErrorsBag ?? {}, 'resolutionId')
    }
    assert.deepEqual(await tableCounts(TABLES), before)

    // Nothing recorded: posting is refused too, and writes nothing.
    const posting = await client
      .post(`/comptabilite/exercices/${y2023}/affectation/comptabiliser`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    posting.assertStatus(303)
    posting.assertFlashMessage(
      'error',
      'L’affectation ne peut être comptabilisée qu’après la décision de l’assemblée générale : choisissez d’abord sa résolution adoptée qui affecte le résultat.'
    )
    assert.deepEqual(await tableCounts(TABLES), before)
  })

  test('PostgreSQL refuses an allocation without the assembly, and keeps the cited resolution as it was', async ({
    assert,
  }) => {
    const { organisation, y2023, resolutions } = await world()
    const base = {
      organisation_id: organisation.id,
      fiscal_year_id: y2023,
      result: '1000.00',
      to_report: '1000.00',
      decision_date: '2024-06-20',
      decision_text: 'Affectation du résultat 2023',
    }
    const refused = (work: () => Promise<unknown>) =>
      db
        .transaction(() => work())
        .then(
          () => null,
          (error: Error) => error.message
        )
    const insert = (values: Record<string, unknown>) => () =>
      db.table('result_allocations').insert({ ...base, ...values })
    assert.match(
      (await refused(insert({ resolution_id: resolutions.board })))!,
      /n'a pas été votée par l'assemblée générale/
    )
    assert.match(
      (await refused(insert({ resolution_id: resolutions.rejected })))!,
      /n'est pas adoptée/
    )
    assert.match((await refused(insert({ resolution_id: resolutions.of2022 })))!, /autre exercice/)
    assert.match(
      (await refused(insert({ resolution_id: resolutions.foreign })))!,
      /Résolution introuvable/
    )
    assert.match(
      (await refused(insert({ resolution_id: null })))!,
      /result_allocations_resolution_required/
    )

    await db.table('result_allocations').insert({ ...base, resolution_id: resolutions.adopted })
    const resolution = () => db.from('resolutions').where('id', resolutions.adopted)
    assert.match(
      (await refused(() => resolution().update({ result: 'rejected' })))!,
      /fonde l'affectation du résultat/
    )
    assert.match(
      (await refused(() => resolution().update({ fiscal_year_id: null, subject_kind: 'other' })))!,
      /fonde l'affectation du résultat/
    )
    const { meeting_id: meetingId } = await resolution().firstOrFail()
    assert.match(
      (await refused(() => db.from('meetings').where('id', meetingId).update({ kind: 'ca' })))!,
      /reste une assemblée générale/
    )
    assert.match(
      (await refused(() =>
        db.from('meetings').where('id', meetingId).update({ status: 'cancelled' })
      ))!,
      /reste une assemblée générale/
    )
    assert.match((await refused(() => resolution().delete()))!, /result_allocations_resolution_fk/)
    // What does not touch eligibility stays free: the title can be corrected.
    await resolution().update({ title: 'Affectation du résultat de 2023' })
  })
})

test.group('Allocation of the result | the demo’s general assemblies', (group) => {
  isolated(group)
  // Closing the demo's 2023 (about 20,000 lines) in the rolled-back transaction takes a while.
  group.each.timeout(300_000)

  test('the June 2024 assembly approves 2023 and founds its allocation, chosen by name', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const years = await db
      .from('fiscal_years')
      .where('organisation_id', organisation.id)
      .orderBy('start_date')
    const [y2022, y2023, y2024] = years.map((y) => y.id as number)

    // Convened, held, attendance recorded with proxies, quorum reached, two resolutions adopted.
    const { rows: meetings } = await db.rawQuery(
      `SELECT id, kind, status, to_char(convened_at, 'YYYY-MM-DD') AS convened,
              to_char(held_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS held
         FROM meetings WHERE organisation_id = ? AND title = ?`,
      [organisation.id, DEMO_ASSEMBLIES[2023].title]
    )
    assert.lengthOf(meetings, 1)
    const assembly = meetings[0]
    assert.deepEqual(
      [assembly.kind, assembly.status, assembly.convened, assembly.held],
      ['ag_ordinaire', 'held', '2024-06-03', '2024-06-20']
    )
    const quorum = await Meeting.quorumOf(assembly.id)
    assert.isTrue(quorum.reached)
    assert.equal(quorum.represented.toString(), '2')
    const resolutions = await db
      .from('resolutions')
      .where('meeting_id', assembly.id)
      .orderBy('position')
      .select('id', 'title', 'subject_kind', 'fiscal_year_id', 'result')
    assert.deepEqual(
      resolutions.map((r) => [r.title, r.subject_kind, r.fiscal_year_id, r.result]),
      [
        ["Approbation des comptes de l'exercice 2023", 'approve_accounts', y2023, 'adopted'],
        ['Affectation du résultat 2023', 'allocate_result', y2023, 'adopted'],
      ]
    )

    // The allocation of 2022, posted in the 2023 ledger, cites the assembly of June 2023.
    const { rows: previous } = await db.rawQuery(
      `SELECT m.title, m.kind, a.entry_id FROM result_allocations a
         JOIN resolutions r ON r.id = a.resolution_id JOIN meetings m ON m.id = r.meeting_id
        WHERE a.organisation_id = ? AND a.fiscal_year_id = ?`,
      [organisation.id, y2022]
    )
    assert.lengthOf(previous, 1)
    assert.equal(previous[0].title, DEMO_ASSEMBLIES[2022].title)
    assert.equal(previous[0].kind, 'ag_ordinaire')
    assert.isNotNull(previous[0].entry_id)

    // Finance closes 2023 from the page; the form offers the assembly's resolution by name.
    const closing = await client
      .post(`/comptabilite/exercices/${y2023}/cloture`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    closing.assertStatus(302)
    const page = await client.get('/comptabilite/exercices').actingAs(finance)
    assert.deepEqual(allocationOptions(page.text(), y2023), [
      { value: '', label: '— Choisir la résolution adoptée —' },
      { value: String(resolutions[1].id), label: LABEL },
    ])
    const board = await db
      .from('resolutions')
      .join('meetings', 'meetings.id', 'resolutions.meeting_id')
      .where('resolutions.organisation_id', organisation.id)
      .where('meetings.kind', 'ca')
      .where('resolutions.subject_kind', 'allocate_result')
      .select('resolutions.id')
      .firstOrFail()
    const post = (resolutionId: number) =>
      client
        .post(`/comptabilite/exercices/${y2023}/affectation`)
        .form({ resolutionId, toReserves: '0' })
        .withCsrfToken()
        .actingAs(finance)
        .redirects(0)
    const refused = await post(board.id)
    refused.assertStatus(303)
    assert.match(refused.flashMessages().error as string, /pas par l’assemblée générale/)
    ;(await post(resolutions[1].id)).assertStatus(302)
    const posted = await client
      .post(`/comptabilite/exercices/${y2023}/affectation/comptabiliser`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    posted.assertStatus(302)
    const { rows: entries } = await db.rawQuery(
      `SELECT e.fiscal_year_id, to_char(e.entry_date, 'YYYY-MM-DD') AS day, a.resolution_id
         FROM result_allocations a JOIN entries e ON e.id = a.entry_id
        WHERE a.organisation_id = ? AND a.fiscal_year_id = ?`,
      [organisation.id, y2023]
    )
    assert.deepEqual(entries, [
      { fiscal_year_id: y2024, day: '2024-06-20', resolution_id: resolutions[1].id },
    ])
  })
})
