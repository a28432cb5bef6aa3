import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import pg from 'pg'
import User from '#models/core/user'
import RunAlertJob, { ALERT_LOCK_KEY, tryAlertLock } from '#actions/alerts/run_alert_job'
import { AlertList } from '#reports/alerts/alert_list'
import { ReportingDeadlines } from '#reports/grants/deadlines'
import { connectionSlot } from '#support/database_server'
import { ALERT_DEADLINE_DAYS } from '#vocabulary/alerts'
import {
  asOrganisation,
  demoOrganisation,
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  readWorkbook,
  tableCounts,
  tenantOf,
} from '#tests/helpers'
import { assertFieldError, assertRefused } from '#tests/support/refusals'
import { clearMailbox, mailsTo } from '#tests/support/mailbox'

/** Every run passes its day: the demo is in 2023/2024, the clock is not. */
const day = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' })
/** A Tuesday, and the Wednesday after it (same week: weekly digests are not resent). */
const TODAY = day('2024-09-03')
const NEXT = day('2024-09-04')

const TABLES = ['alerts', 'alert_dismissals', 'alert_preferences', 'alert_digests', 'audit_events']

function demoUser(email: string) {
  return inspecting(() => User.query().where('email', email).firstOrFail())
}

async function openAlerts(organisationId: number, kind?: string) {
  return inspecting(() =>
    db
      .from('alerts')
      .where('organisation_id', organisationId)
      .whereNull('resolved_at')
      .if(kind, (query) => query.where('kind', kind!))
      .orderBy('id')
      .select('*')
  )
}

/** What a person sees of the alerts, as the page, the counter and the digest compute it. */
function visibleTo(organisation: { id: number }, user: User, roles: string[]) {
  return asOrganisation(organisation, () =>
    new AlertList(tenantOf(organisation), { userId: user.id, roles }).build()
  )
}

/** The number in the header's alert counter. */
function headerCount(html: string) {
  const match = /class="alert-counter">Alertes <span class="badge">(\d+)<\/span>/.exec(html)
  if (!match) throw new Error('no alert counter in the header')
  return Number(match[1])
}

test.group('Alerts | the job on the demo', (group) => {
  isolated(group)
  // The first test to need the demo seeds it (about 20 s).
  group.each.timeout(240_000)
  group.each.setup(() => clearMailbox())
  group.teardown(() => clearMailbox())

  test('finds the overdue funder reports, sends a digest read from the captured mail, and a rerun duplicates nothing', async ({
    assert,
    client,
  }) => {
    const demo = await demoOrganisation()
    const finance = await demoUser('finance@demo.socle.fr')
    // The grants pages' own list of deadlines, at the same day: the job must find the same.
    const deadlines = await asOrganisation(demo, () =>
      new ReportingDeadlines(tenantOf(demo), { today: TODAY, days: ALERT_DEADLINE_DAYS }).build()
    )
    const overdueReports = deadlines.overdue.filter((d) => d.kind !== 'balance_request')
    assert.isAtLeast(overdueReports.length, 71, 'the 71 deadlines of April 2024 are overdue')

    const first = await RunAlertJob.handle({ today: TODAY, organisationId: demo.id })
    assert.isTrue(first.ran)
    const reports = await openAlerts(demo.id, 'funder_report')
    assert.equal(reports.filter((a) => a.overdue).length, overdueReports.length)
    assert.sameMembers(
      reports.filter((a) => a.overdue).map((a) => a.subject_key),
      overdueReports.map((d) => `deadline:${d.deadlineId}`)
    )

    const visible = await visibleTo(demo, finance, ['finance'])
    const late = visible.filter((alert) => alert.overdue).length
    const mails = await mailsTo('finance@demo.socle.fr')
    assert.lengthOf(mails, 1)
    const [digest] = mails
    assert.equal(
      digest.subject,
      `${demo.name} : ${visible.length} alerte(s) en cours, dont ${late} en retard`
    )
    assert.match(digest.text, /https?:\/\/[^\s]+\/alertes\n/)
    assert.equal(digest.text.split('\n- En retard').length - 1, late)
    assert.include(digest.text, `/financements/conventions/${overdueReports[0].grantId}`)
    assert.include(digest.html, `/financements/conventions/${overdueReports[0].grantId}"`)

    // The page shows the same alerts, and the header counts them.
    const page = await client.get('/alertes').actingAs(finance)
    page.assertStatus(200)
    assert.equal(headerCount(page.text()), visible.length)
    assert.equal(page.text().split('/lecture"').length - 1, visible.length)

    // Rerun the same day: nothing new, nothing resolved, no second digest.
    const before = await tableCounts(['alerts', 'alert_digests'])
    const second = await RunAlertJob.handle({ today: TODAY, organisationId: demo.id })
    assert.isTrue(second.ran)
    assert.equal(second.ran && second.organisations[0].opened, 0)
    assert.equal(second.ran && second.organisations[0].resolved, 0)
    assert.deepEqual(await tableCounts(['alerts', 'alert_digests']), before)
    assert.lengthOf(await mailsTo('finance@demo.socle.fr'), 1)

    // The workbook lists the same alerts.
    const workbook = await readWorkbook(await client.get('/alertes/export.xlsx').actingAs(finance))
    assert.equal(workbook.getWorksheet('Alertes')!.rowCount, visible.length + 1)
  })

  test('a daily digest is sent each day, a weekly one once a week', async ({ assert, client }) => {
    const demo = await demoOrganisation()
    const finance = await demoUser('finance@demo.socle.fr')
    const response = await client
      .put('/alertes/recapitulatif')
      .form({ frequency: 'daily' })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    response.assertStatus(302)
    assert.equal(response.header('location'), '/alertes')
    await RunAlertJob.handle({ today: TODAY, organisationId: demo.id })
    await RunAlertJob.handle({ today: NEXT, organisationId: demo.id })
    assert.lengthOf(await mailsTo('finance@demo.socle.fr'), 2)
    assert.lengthOf(await mailsTo('direction@demo.socle.fr'), 1)
  })

  test('recording the report sent through the grants route resolves its alert at the next run', async ({
    assert,
    client,
  }) => {
    const demo = await demoOrganisation()
    const finance = await demoUser('finance@demo.socle.fr')
    await RunAlertJob.handle({ today: TODAY, organisationId: demo.id })
    const [grant] = await inspecting(() =>
      db
        .from('grants as g')
        .join('grant_deadlines as d', 'd.grant_id', 'g.id')
        .where('g.organisation_id', demo.id)
        .whereIn('g.status', ['signed', 'report_sent'])
        .whereIn('d.kind', ['interim_report', 'final_report'])
        .whereNull('d.done_on')
        .whereNull('d.cancelled_at')
        .where('d.due_on', '<', TODAY.toISODate()!)
        .orderBy('g.id')
        .limit(1)
        .select('g.id')
    )
    assert.exists(grant, 'the demo has a signed convention with an overdue report')

    const step = await client
      .post(`/financements/conventions/${grant.id}/etapes`)
      .form({ kind: 'report_sent', occurredOn: TODAY.toISODate() })
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    assert.equal(step.flashMessages().success, 'Étape enregistrée.')
    const done = await inspecting(() =>
      db
        .from('grant_deadlines')
        .where('grant_id', grant.id)
        .where('done_on', TODAY.toISODate()!)
        .firstOrFail()
    )
    const alert = (await openAlerts(demo.id)).find((a) => a.subject_key === `deadline:${done.id}`)
    assert.exists(alert, 'the deadline had an open alert')
    const before = await client.get('/alertes').actingAs(finance)
    assert.include(before.text(), `action="/alertes/${alert.id}/lecture"`)

    const next = await RunAlertJob.handle({ today: NEXT, organisationId: demo.id })
    assert.isTrue(next.ran && next.organisations[0].resolved >= 1)
    const resolved = await inspecting(() => db.from('alerts').where('id', alert.id).firstOrFail())
    assert.isNotNull(resolved.resolved_at)
    const after = await client.get('/alertes').actingAs(finance)
    assert.notInclude(after.text(), `action="/alertes/${alert.id}/lecture"`)
    assert.equal(headerCount(after.text()), headerCount(before.text()) - 1)
  })

  test('each person sees the alerts of their roles, and those addressed to them', async ({
    assert,
    client,
  }) => {
    const demo = await demoOrganisation()
    const hr = await demoUser('rh@demo.socle.fr')
    await inspecting(() =>
      db.table('imports').insert({
        organisation_id: demo.id,
        user_id: hr.id,
        kind: 'hr_staff',
        file_name: 'registre-oublie.xlsx',
        sha256: 'a'.repeat(64),
        size_bytes: 1000,
        status: 'previewed',
        created_at: '2024-08-01T10:00:00+02:00',
      })
    )
    await RunAlertJob.handle({ today: TODAY, organisationId: demo.id })
    const pages: Record<string, string> = {}
    for (const email of ['admin', 'ca', 'rh', 'finance', 'qualite']) {
      const user = await demoUser(`${email}@demo.socle.fr`)
      const page = await client.get('/alertes').actingAs(user)
      page.assertStatus(200)
      pages[email] = page.text()
      const visible = await visibleTo(demo, user, user.roles)
      assert.equal(headerCount(page.text()), visible.length, `${email}'s counter`)
    }
    // The import left in preview: its author and the admins.
    assert.include(pages.admin, 'registre-oublie.xlsx')
    assert.include(pages.rh, 'registre-oublie.xlsx')
    assert.notInclude(pages.ca, 'registre-oublie.xlsx')
    assert.notInclude(pages.finance, 'registre-oublie.xlsx')
    // Funder reports: the roles that read the grants, the board included; not HR nor quality.
    assert.include(pages.ca, 'Bilan intermédiaire')
    assert.include(pages.finance, '/financements/conventions/')
    assert.notInclude(pages.rh, '/financements/conventions/')
    assert.notInclude(pages.qualite, '/financements/conventions/')
    // A label criterion past its due date: those who work on the label, not finance nor the board.
    assert.include(pages.qualite, '/qualite/criteres/')
    assert.include(pages.admin, '/qualite/criteres/')
    assert.notInclude(pages.finance, '/qualite/criteres/')
    assert.notInclude(pages.ca, '/qualite/criteres/')
    // Nothing of HR personal data reaches the board: no alert of theirs points at HR pages.
    assert.notInclude(pages.ca, '/rh/')

    // Another person's alert cannot be marked as read by someone who does not see it.
    const [forgotten] = await openAlerts(demo.id, 'import_preview')
    assert.equal(forgotten.user_id, hr.id)
    const finance = await demoUser('finance@demo.socle.fr')
    const refused = await client
      .post(`/alertes/${forgotten.id}/lecture`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    refused.assertStatus(404)
    const own = await client
      .post(`/alertes/${forgotten.id}/lecture`)
      .withCsrfToken()
      .actingAs(hr)
      .redirects(0)
    assert.equal(own.flashMessages().success, `Alerte « ${forgotten.title} » marquée comme lue.`)
  })

  test('marking an alert as read: success, then refusals (twice, hidden, other organisation)', async ({
    assert,
    client,
  }) => {
    const demo = await demoOrganisation()
    const finance = await demoUser('finance@demo.socle.fr')
    await RunAlertJob.handle({ today: TODAY, organisationId: demo.id })
    const [alert] = await visibleTo(demo, finance, ['finance'])
    const before = await client.get('/alertes').actingAs(finance)

    const dismissed = await client
      .post(`/alertes/${alert.id}/lecture`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    dismissed.assertStatus(302)
    assert.equal(dismissed.header('location'), '/alertes')
    assert.equal(dismissed.flashMessages().success, `Alerte « ${alert.title} » marquée comme lue.`)
    const events = await inspecting(() =>
      db
        .from('audit_events')
        .where('organisation_id', demo.id)
        .where('subject_type', 'alert_dismissals')
        .select('user_id', 'action')
    )
    assert.deepEqual(events, [{ user_id: finance.id, action: 'create' }])
    const after = await client.get('/alertes').actingAs(finance)
    assert.equal(headerCount(after.text()), headerCount(before.text()) - 1)
    assert.notInclude(after.text(), `action="/alertes/${alert.id}/lecture"`)

    const other = await makeUser(await makeOrganisation('Mission Locale Voisine'), ['admin'])
    const counts = await tableCounts(TABLES)
    const again = await client
      .post(`/alertes/${alert.id}/lecture`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    assertRefused(assert, again, `L’alerte « ${alert.title} » est déjà marquée comme lue.`)

    // An alert the person may not see (the board's list has no import; quality reads no grants).
    const quality = await demoUser('qualite@demo.socle.fr')
    const hidden = await client
      .post(`/alertes/${alert.id}/lecture`)
      .withCsrfToken()
      .actingAs(quality)
      .redirects(0)
    hidden.assertStatus(404)
    // Another organisation's admin, and an alert that does not exist.
    for (const id of [alert.id, 999999]) {
      const response = await client
        .post(`/alertes/${id}/lecture`)
        .withCsrfToken()
        .actingAs(other)
        .redirects(0)
      response.assertStatus(404)
    }
    assert.deepEqual(await tableCounts(TABLES), counts)
  })
})

test.group('Alerts | mandates and accounts approval on the demo', (group) => {
  isolated(group)
  group.each.timeout(240_000)

  test('a mandate ending within 90 days is an alert for governance and the board, until it ends', async ({
    assert,
  }) => {
    const demo = await demoOrganisation()
    const [seat] = await inspecting(() =>
      db
        .from('seats')
        .where('organisation_id', demo.id)
        .whereNotNull('mandate_end')
        .orderBy('mandate_end')
        .orderBy('id')
        .limit(1)
        .select('id', db.raw('mandate_end::text AS ends'), db.raw('mandate_start::text AS starts'))
    )
    assert.exists(seat, 'the demo has a seat with a mandate end')
    const ends = day(seat.ends)
    const before = ends.minus({ days: 30 })
    assert.isTrue(before.toISODate()! >= seat.starts)
    await RunAlertJob.handle({ today: before, organisationId: demo.id })
    const alert = (await openAlerts(demo.id, 'mandate_end')).find(
      (a) => a.subject_key === `seat:${seat.id}`
    )
    assert.exists(alert)
    assert.isFalse(alert.overdue)
    // Those who renew the seats, and the board; not the quality officer.
    const board = await demoUser('ca@demo.socle.fr')
    assert.isTrue((await visibleTo(demo, board, ['board'])).some((row) => row.id === alert.id))
    const quality = await demoUser('qualite@demo.socle.fr')
    assert.isFalse((await visibleTo(demo, quality, ['quality'])).some((row) => row.id === alert.id))
    // Past its end, the seat is no longer held: the alert is resolved.
    await RunAlertJob.handle({ today: ends.plus({ days: 1 }), organisationId: demo.id })
    const after = await inspecting(() => db.from('alerts').where('id', alert.id).firstOrFail())
    assert.isNotNull(after.resolved_at)
  })

  test('a closed year without an adopted approval six months after its end, until the AG adopts it', async ({
    assert,
    client,
  }) => {
    const demo = await demoOrganisation()
    const [year] = await inspecting(() =>
      db
        .from('fiscal_years')
        .where('organisation_id', demo.id)
        .where('status', 'closed')
        .orderBy('end_date', 'desc')
        .limit(1)
        .select('id', db.raw('end_date::text AS ends'))
    )
    assert.exists(year, 'the demo has a closed fiscal year')
    const late = day(year.ends).plus({ months: 6, days: 1 })
    const approvals = () =>
      inspecting(() =>
        db
          .from('resolutions')
          .where('organisation_id', demo.id)
          .where('fiscal_year_id', year.id)
          .where('subject_kind', 'approve_accounts')
      )
    const adopted = (await approvals()).filter((r) => r.result === 'adopted')
    assert.isAbove(adopted.length, 0, 'the demo’s AG approved the accounts of its closed year')
    const setResult = (result: string) =>
      inspecting(() =>
        db
          .from('resolutions')
          .whereIn(
            'id',
            adopted.map((r) => r.id)
          )
          .update({ result })
      )
    // The AG's approval rejected instead (rolled back with the test): the alert appears.
    await setResult('rejected')
    await RunAlertJob.handle({ today: late, organisationId: demo.id })
    const [alert] = await openAlerts(demo.id, 'accounts_approval')
    assert.equal(alert?.subject_key, `fiscal_year:${year.id}`)
    assert.sameMembers(alert.roles, ['admin', 'direction', 'finance', 'board'])
    // Marked as read by finance, resolved by the adoption, then back: shown again.
    const finance = await demoUser('finance@demo.socle.fr')
    const read = await client
      .post(`/alertes/${alert.id}/lecture`)
      .withCsrfToken()
      .actingAs(finance)
      .redirects(0)
    read.assertStatus(302)
    const shown = async () =>
      (await visibleTo(demo, finance, ['finance'])).some((row) => row.id === alert.id)
    assert.isFalse(await shown())
    await setResult('adopted')
    await RunAlertJob.handle({ today: late.plus({ days: 1 }), organisationId: demo.id })
    assert.lengthOf(await openAlerts(demo.id, 'accounts_approval'), 0)
    await setResult('rejected')
    await RunAlertJob.handle({ today: late.plus({ days: 2 }), organisationId: demo.id })
    assert.isTrue(await shown())
  })
})

test.group('Alerts | digest preference', (group) => {
  isolated(group)

  test('a person chooses daily, weekly or never; anything else is refused', async ({
    assert,
    client,
  }) => {
    const organisation = await makeOrganisation('Mission Locale des Alertes')
    const board = await makeUser(organisation, ['board'])
    const put = (form: Record<string, string>) =>
      client.put('/alertes/recapitulatif').form(form).withCsrfToken().actingAs(board).redirects(0)

    const counts = await tableCounts(TABLES)
    assertFieldError(assert, await put({ frequency: 'hourly' }), 'frequency')
    assertFieldError(assert, await put({}), 'frequency')
    assertFieldError(assert, await put({ frequency: '<script>alert(1)</script>' }), 'frequency')
    const listed = await client
      .put('/alertes/recapitulatif')
      .form({ 'frequency[]': ['daily', 'weekly'] })
      .withCsrfToken()
      .actingAs(board)
      .redirects(0)
    assertFieldError(assert, listed, 'frequency')
    for (const id of ['2147483648', '-1', 'abc', '1e3']) {
      const response = await client
        .post(`/alertes/${id}/lecture`)
        .withCsrfToken()
        .actingAs(board)
        .redirects(0)
      response.assertStatus(404)
    }
    assert.deepEqual(await tableCounts(TABLES), counts)

    const saved = await put({ frequency: 'never' })
    saved.assertStatus(302)
    assert.equal(saved.flashMessages().success, 'Récapitulatif des alertes par courriel : jamais.')
    const rows = await inspecting(() =>
      db.from('alert_preferences').where('user_id', board.id).select('frequency', 'organisation_id')
    )
    assert.deepEqual(rows, [{ frequency: 'never', organisation_id: organisation.id }])
    const events = await inspecting(() =>
      db.from('audit_events').where('subject_type', 'alert_preferences').count('* as n')
    )
    assert.equal(Number(events[0].n), 1)
    const page = await client.get('/alertes').actingAs(board)
    page.assertStatus(200)
    assert.include(page.text(), '<option value="never" selected')
    assert.include(page.text(), 'Aucune alerte en cours pour vous.')
  })
})

test.group('Alerts | one run at a time', (group) => {
  isolated(group)

  test('while another session holds the lock, the job does nothing; once released, it runs', async ({
    assert,
  }) => {
    const organisation = await makeOrganisation('Mission Locale du Verrou')
    await makeUser(organisation, ['admin'])
    await inspecting(() =>
      db.table('imports').insert({
        organisation_id: organisation.id,
        kind: 'hr_staff',
        file_name: 'verrou.xlsx',
        sha256: 'b'.repeat(64),
        size_bytes: 10,
        status: 'previewed',
        created_at: '2024-08-01T10:00:00+02:00',
      })
    )
    // A second connection, as a second app process would have.
    const other = new pg.Client({ ...connectionSlot })
    await other.connect()
    try {
      await other.query('BEGIN')
      const taken = await other.query('SELECT pg_try_advisory_xact_lock($1) AS taken', [
        ALERT_LOCK_KEY,
      ])
      assert.isTrue(taken.rows[0].taken)
      // This process cannot take it meanwhile, and the job passes without writing.
      assert.isFalse(await db.transaction((trx) => tryAlertLock(trx)))
      const counts = await tableCounts(['alerts', 'alert_runs', 'alert_digests'])
      const skipped = await RunAlertJob.handle({ today: TODAY, organisationId: organisation.id })
      assert.deepEqual(skipped, { ran: false, today: '2024-09-03' })
      assert.deepEqual(await tableCounts(['alerts', 'alert_runs', 'alert_digests']), counts)
      await other.query('COMMIT')
    } finally {
      await other.end()
    }
    const ran = await RunAlertJob.handle({ today: TODAY, organisationId: organisation.id })
    assert.isTrue(ran.ran)
    assert.lengthOf(await openAlerts(organisation.id, 'import_preview'), 1)
  })
})
