import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import type Organisation from '#models/core/organisation'
import {
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
  tenantOf,
} from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'
import TrainingReportBuilder from '#reports/hr/training'
import { followedSession, formPoster, hireLea } from '#tests/fixtures/training'

/**
 * Issue #15, HR records: training actions, sessions, participations and financing lines are
 * corrected or cancelled with a reason (kept, struck out, out of every total), and the OPCO
 * refund received months after the request is recorded against it.
 */

const TRAINING = [
  'training_actions',
  'training_sessions',
  'training_participants',
  'training_financing_lines',
  'audit_events',
]

interface Plan {
  organisation: Organisation
  hr: User
  employeeId: number
  actionId: number
  sessionId: number
  participationId: number
  financingId: number
  otherFinancingId: number
}

/** One action with a session, a participation (2 days), a cost and two OPCO requests, by HTTP. */
async function plan(client: ApiClient): Promise<Plan> {
  const organisation = await makeOrganisation()
  const hr = await makeUser(organisation, ['hr'])
  const employee = await hireLea(organisation)
  const post = formPoster(client, hr)
  const { action, session } = await followedSession(post, organisation, {
    title: 'Accueil des publics',
    employeeId: employee.id,
    startDate: '2023-03-06',
    endDate: '2023-03-07',
  })
  for (const [requestedOn, amountExpected] of [
    ['2023-02-01', '800'],
    ['2023-04-03', '300'],
  ]) {
    ;(
      await post('/rh/formation/financements', {
        trainingActionId: action.id,
        funder: 'uniformation',
        mode: 'fonds_mutualises_plan',
        requestedOn,
        amountExpected,
      })
    ).assertStatus(302)
  }
  const [financing, other] = await db
    .from('training_financing_lines')
    .where('training_action_id', action.id)
    .orderBy('requested_on')
  const participation = await db
    .from('training_participants')
    .where('training_session_id', session.id)
    .firstOrFail()
  return {
    organisation,
    hr,
    employeeId: employee.id,
    actionId: action.id,
    sessionId: session.id,
    participationId: participation.id,
    financingId: financing.id,
    otherFinancingId: other.id,
  }
}

test.group('HR | OPCO refund received after the request', (group) => {
  isolated(group)

  test('the refund is recorded against its request; report and Excel show requested, received and outstanding', async ({
    client,
    assert,
  }) => {
    const p = await plan(client)
    const refund = (id: number, form: Record<string, unknown>, user = p.hr) =>
      client
        .post(`/rh/formation/financements/${id}/remboursement`)
        .form(form)
        .withCsrfToken()
        .actingAs(user)
        .redirects(0)

    // Refused: a negative amount, a date before the request, another organisation's request.
    const stranger = await makeUser(await makeOrganisation('Autre'), ['hr'])
    const finance = await makeUser(p.organisation, ['finance'])
    const before = await tableCounts(TRAINING)
    assertFieldError(
      assert,
      await refund(p.financingId, { amountReceived: '-10', receivedOn: '2023-06-30' }),
      'amountReceived'
    )
    assertRefused(
      assert,
      await refund(p.financingId, { amountReceived: '650', receivedOn: '2023-01-15' }),
      'Le remboursement ne peut pas être reçu avant la demande (01/02/2023).'
    )
    ;(
      await refund(p.financingId, { amountReceived: '650', receivedOn: '2023-06-30' }, stranger)
    ).assertStatus(404)
    ;(
      await refund(p.financingId, { amountReceived: '650', receivedOn: '2023-06-30' }, finance)
    ).assertStatus(403)
    assert.deepEqual(await tableCounts(TRAINING), before)

    // Received five months after the request: 650 of the 800 requested.
    const recorded = await refund(p.financingId, {
      amountReceived: '650,00',
      receivedOn: '30/06/2023',
    })
    recorded.assertStatus(302)
    recorded.assertHeader('location', '/rh/formation/actions')
    recorded.assertFlashMessage('success', 'Remboursement enregistré.')
    const line = await db.from('training_financing_lines').where('id', p.financingId).firstOrFail()
    assert.equal(line.amount_received, '650.00')
    assert.equal(line.received_on, '2023-06-30')
    const audit = await db
      .from('audit_events')
      .where({ subject_type: 'training_financing_lines', action: 'update' })
      .where('subject_id', String(p.financingId))
      .firstOrFail()
    assert.equal(audit.after.amountReceived, '650')

    const report = await new TrainingReportBuilder(tenantOf(p.organisation), { year: 2023 }).build()
    assert.deepEqual(
      report.requests.map((r) => [
        r.requestedOn,
        r.requested.toFixed(2),
        r.received.toFixed(2),
        r.outstanding.toFixed(2),
      ]),
      [
        ['2023-02-01', '800.00', '650.00', '150.00'],
        ['2023-04-03', '300.00', '0.00', '300.00'],
      ]
    )
    assert.equal(report.requestsTotal.requested.toFixed(2), '1100.00')
    assert.equal(report.requestsTotal.received.toFixed(2), '650.00')
    assert.equal(report.requestsTotal.outstanding.toFixed(2), '450.00')

    const page = await client.get('/rh/formation?annee=2023').actingAs(p.hr)
    page.assertStatus(200)
    page.assertTextIncludes('Demandes de prise en charge')
    page.assertTextIncludes('Reste dû')
    assert.match(page.text(), /450,00\s*€/)

    const workbook = await readWorkbook(
      await client.get('/rh/formation.xlsx?annee=2023').actingAs(p.hr)
    )
    const sheet = workbook.getWorksheet('Demandes de prise en charge')!
    assert.exists(sheet)
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    assert.includeMembers(header, ['Demandé', 'Reçu', 'Reste dû'])
    const col = (name: string) => header.indexOf(name) + 1
    const values = (row: number) => [
      sheet.getRow(row).getCell(col('Demandé')).value,
      sheet.getRow(row).getCell(col('Reçu')).value,
      sheet.getRow(row).getCell(col('Reste dû')).value,
    ]
    assert.deepEqual(values(2), [800, 650, 150])
    assert.deepEqual(values(3), [300, 0, 300])
    assert.equal(sheet.getRow(4).getCell(1).value, 'Total')
    assert.deepEqual(values(4), [1100, 650, 450])
  })
})

test.group('HR | training records corrected or cancelled', (group) => {
  isolated(group)

  test('hr corrects an action, a session, a participation and a financing line; bad input is refused', async ({
    client,
    assert,
  }) => {
    const p = await plan(client)
    const stranger = await makeUser(await makeOrganisation('Autre'), ['hr'])
    const put = (url: string, form: Record<string, unknown>, user = p.hr) =>
      client.put(url).form(form).withCsrfToken().actingAs(user).redirects(0)

    const before = await tableCounts(TRAINING)
    assertFieldError(
      assert,
      await put(`/rh/formation/actions/${p.actionId}`, { title: '', kind: 'plan' }),
      'title'
    )
    assertFieldError(
      assert,
      await put(`/rh/formation/sessions/${p.sessionId}`, {
        startDate: '2023-03-07',
        endDate: '2023-03-01',
      }),
      'endDate'
    )
    assertFieldError(
      assert,
      await put(`/rh/formation/participations/${p.participationId}`, { days: '-1' }),
      'days'
    )
    assertRefused(
      assert,
      await put(`/rh/formation/financements/${p.financingId}`, {
        funder: 'uniformation',
        requestedOn: '2023-02-01',
        amountExpected: '900',
      }),
      'Le mode de financement est obligatoire pour Uniformation, et seulement pour elle.'
    )
    ;(
      await put(`/rh/formation/actions/${p.actionId}`, { title: 'X', kind: 'plan' }, stranger)
    ).assertStatus(404)
    assert.deepEqual(await tableCounts(TRAINING), before)

    const action = await put(`/rh/formation/actions/${p.actionId}`, {
      title: 'Accueil des jeunes publics',
      provider: 'CNFPT',
      kind: 'plan',
      version: 1,
    })
    action.assertFlashMessage('success', 'Action de formation corrigée.')
    assert.equal(
      (await db.from('training_actions').where('id', p.actionId).first()).title,
      'Accueil des jeunes publics'
    )
    const stale = await put(`/rh/formation/actions/${p.actionId}`, {
      title: 'Ancienne version',
      kind: 'plan',
      version: 1,
    })
    assert.oneOf(stale.status(), [302, 303, 409])
    assert.equal(
      (await db.from('training_actions').where('id', p.actionId).first()).title,
      'Accueil des jeunes publics'
    )

    const session = await put(`/rh/formation/sessions/${p.sessionId}`, {
      startDate: '2023-03-06',
      endDate: '2023-03-08',
      place: 'Antenne nord',
    })
    session.assertFlashMessage('success', 'Session corrigée.')
    const sessionRow = await db.from('training_sessions').where('id', p.sessionId).first()
    assert.equal(sessionRow.end_date, '2023-03-08')

    const participation = await put(`/rh/formation/participations/${p.participationId}`, {
      days: '3',
    })
    participation.assertFlashMessage('success', 'Participation corrigée.')
    participation.assertHeader('location', `/rh/salaries/${p.employeeId}`)
    const part = await db.from('training_participants').where('id', p.participationId).first()
    assert.equal(part.days, '3.00')
    assert.equal(part.hours, '21.00')

    const financing = await put(`/rh/formation/financements/${p.financingId}`, {
      funder: 'uniformation',
      mode: 'fonds_mutualises_plan',
      requestedOn: '2023-02-01',
      amountExpected: '900',
    })
    financing.assertFlashMessage('success', 'Financement corrigé.')
    assert.equal(
      (await db.from('training_financing_lines').where('id', p.financingId).first())
        .amount_expected,
      '900.00'
    )
    const audits = await db
      .from('audit_events')
      .where('organisation_id', p.organisation.id)
      .where('action', 'update')
      .whereIn('subject_type', [
        'training_actions',
        'training_sessions',
        'training_participants',
        'training_financing_lines',
      ])
    assert.lengthOf(audits, 4)

    const report = await new TrainingReportBuilder(tenantOf(p.organisation), { year: 2023 }).build()
    assert.equal(report.daysByContract[0].F.toNumber(), 3)
  })

  test('hr cancels with a reason: rows stay, struck out with who and why, out of every total', async ({
    client,
    assert,
  }) => {
    const p = await plan(client)
    const board = await makeUser(p.organisation, ['board'])
    const stranger = await makeUser(await makeOrganisation('Autre'), ['hr'])
    const cancel = (url: string, reason: string, user = p.hr) =>
      client.post(url).form({ reason }).withCsrfToken().actingAs(user).redirects(0)
    const tenant = tenantOf(p.organisation)
    const report = () => new TrainingReportBuilder(tenant, { year: 2023 }).build()
    assert.equal((await report()).daysByContract[0].F.toNumber(), 2)
    assert.equal((await report()).requestsTotal.requested.toFixed(2), '1100.00')

    const before = await tableCounts(TRAINING)
    assertFieldError(
      assert,
      await cancel(`/rh/formation/financements/${p.otherFinancingId}/annulation`, ''),
      'reason'
    )
    ;(
      await cancel(`/rh/formation/financements/${p.otherFinancingId}/annulation`, 'Doublon', board)
    ).assertStatus(403)
    ;(
      await cancel(`/rh/formation/sessions/${p.sessionId}/annulation`, 'Reportée', stranger)
    ).assertStatus(404)
    assert.deepEqual(await tableCounts(TRAINING), before)

    // A financing request entered twice: cancelled, it leaves the totals.
    const financing = await cancel(
      `/rh/formation/financements/${p.otherFinancingId}/annulation`,
      'Demande saisie en double'
    )
    financing.assertStatus(302)
    financing.assertHeader('location', '/rh/formation/actions')
    const line = await db.from('training_financing_lines').where('id', p.otherFinancingId).first()
    assert.isNotNull(line.cancelled_at)
    assert.equal(line.cancel_reason, 'Demande saisie en double')
    assert.equal((await report()).requestsTotal.requested.toFixed(2), '800.00')
    assertRefused(
      assert,
      await cancel(`/rh/formation/financements/${p.otherFinancingId}/annulation`, 'Encore'),
      'Cette demande de financement est annulée : elle reste telle quelle.'
    )
    assertRefused(
      assert,
      await client
        .post(`/rh/formation/financements/${p.otherFinancingId}/remboursement`)
        .form({ amountReceived: '300', receivedOn: '2023-06-30' })
        .withCsrfToken()
        .actingAs(p.hr)
        .redirects(0),
      'Cette demande est annulée : aucun remboursement ne peut y être reçu.'
    )

    // The participation: out of the days, and the person can be enrolled again.
    const participation = await cancel(
      `/rh/formation/participations/${p.participationId}/annulation`,
      'Absente pour maladie'
    )
    participation.assertHeader('location', `/rh/salaries/${p.employeeId}`)
    assert.equal((await report()).daysByContract[0].F.toNumber(), 0)
    assertRefused(
      assert,
      await cancel(`/rh/formation/participations/${p.participationId}/annulation`, 'Encore'),
      'Cette participation est annulée : elle reste telle quelle.'
    )
    const file = await client.get(`/rh/salaries/${p.employeeId}`).actingAs(p.hr)
    file.assertTextIncludes('Absente pour maladie')
    assert.match(file.text(), /<s>Accueil des publics/)
    ;(
      await client
        .post(`/rh/salaries/${p.employeeId}/formations`)
        .form({ trainingSessionId: p.sessionId, days: '1' })
        .withCsrfToken()
        .actingAs(p.hr)
        .redirects(0)
    ).assertFlashMessage('success', 'Participation enregistrée.')
    assert.equal((await report()).daysByContract[0].F.toNumber(), 1)

    // The session, then the action: nothing of them counts any more.
    ;(
      await cancel(`/rh/formation/sessions/${p.sessionId}/annulation`, 'Session reportée')
    ).assertFlashMessage(
      'success',
      'Session annulée : elle reste dans la liste, barrée, hors des totaux.'
    )
    assert.equal((await report()).daysByContract[0].F.toNumber(), 0)
    assertRefused(
      assert,
      await client
        .put(`/rh/formation/sessions/${p.sessionId}`)
        .form({ startDate: '2023-03-06', endDate: '2023-03-09' })
        .withCsrfToken()
        .actingAs(p.hr)
        .redirects(0),
      'Cette session est annulée : elle reste telle quelle.'
    )
    assertFieldError(
      assert,
      await cancel(`/rh/formation/actions/${p.actionId}/annulation`, 'ab'),
      'reason'
    )
    ;(
      await cancel(`/rh/formation/actions/${p.actionId}/annulation`, 'Formation abandonnée')
    ).assertFlashMessage(
      'success',
      'Action de formation annulée : elle reste dans la liste, barrée, hors des totaux.'
    )
    const after = await report()
    assert.equal(after.requestsTotal.requested.toFixed(2), '0.00')
    assert.lengthOf(after.requests, 0)
    assert.isTrue(after.refundsTotal.isZero())
    assert.deepEqual(await tableCounts(['training_actions', 'training_sessions']), {
      training_actions: before.training_actions,
      training_sessions: before.training_sessions,
    })

    // Shown struck out, with who and why.
    const page = await client.get('/rh/formation/actions').actingAs(p.hr)
    page.assertStatus(200)
    assert.match(page.text(), /<s>Accueil des publics<\/s>/)
    page.assertTextIncludes('Formation abandonnée')
    page.assertTextIncludes('Demande saisie en double')
    page.assertTextIncludes('Session reportée')

    // Adding to a cancelled action is refused.
    assertRefused(
      assert,
      await client
        .post('/rh/formation/sessions')
        .form({ trainingActionId: p.actionId, startDate: '2023-09-04', endDate: '2023-09-04' })
        .withCsrfToken()
        .actingAs(p.hr)
        .redirects(0),
      'Cette action de formation est annulée.'
    )
  })
})
