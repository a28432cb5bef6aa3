import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { AwaitedFunding } from '#reports/grants/awaited'
import { ReportingDeadlines } from '#reports/grants/deadlines'
import { FunderReport } from '#reports/grants/funder_report'
import { Receivables } from '#reports/grants/receivables'
import { GrantsDashboard } from '#reports/grants/dashboard'
import { formatDate, formatMoney } from '#support/french_format'
import {
  asOrganisation,
  inspecting,
  isolated,
  makeOrganisation,
  makeUser,
  tableCounts,
} from '#tests/helpers'
import { makeGrant, makeLedger, postEntry, tenantOf } from '#tests/functional/grants/fixtures'
import {
  CORRECTION_TABLES,
  addInstalments,
  allocationsOf,
  flashed,
  lastReceipt,
  receiptForm,
  row,
  send,
} from '#tests/functional/grants/helpers'
import type { Role } from '#policies/role_matrix'

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' })
const today = () => formatDate(DateTime.now().setZone('Europe/Paris'))

test.group('Grants | corrections of instalments', (group) => {
  isolated(group)

  test('an instalment is edited while no receipt pays it; then only cancelled, with its reason, and counted nowhere', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'CORR-1', '100000')
    const [advance, balance] = await addInstalments(organisation.id, grant.id, [
      ['advance', '2024-01-15', '30000.00'],
      ['balance', '2024-12-31', '70000.00'],
    ])

    const page = await client.get(`/financements/echeancier/${advance}/modifier`).actingAs(finance)
    page.assertStatus(200)
    assert.include(page.text(), 'Enregistrer la correction')

    const edited = await send(client, finance, 'put', `/financements/echeancier/${advance}`, {
      kind: 'advance',
      expectedOn: '2024-01-31',
      amount: '25 000',
      label: 'Avance 2024',
      version: 1,
    })
    edited.assertStatus(302)
    edited.assertHeader('location', `/financements/conventions/${grant.id}`)
    assert.equal(flashed(edited, 'success'), 'Échéance corrigée.')
    const line = await row('grant_payment_schedules', advance)
    assert.equal(line.amount, '25000.00')
    assert.equal(line.expected_on, '2024-01-31')
    assert.equal(line.label, 'Avance 2024')
    assert.equal(line.version, 2)
    const audit = await inspecting(() =>
      db
        .from('audit_events')
        .where({ subject_type: 'grant_payment_schedules', subject_id: String(advance) })
        .where('action', 'update')
        .first()
    )
    assert.exists(audit)

    // 25 000 + 75 000,01 would exceed the 100 000 awarded; a stale form changes nothing either.
    const before = await tableCounts(CORRECTION_TABLES)
    const over = await send(client, finance, 'put', `/financements/echeancier/${balance}`, {
      kind: 'balance',
      expectedOn: '2024-12-31',
      amount: '75 000,01',
      version: 1,
    })
    over.assertStatus(303)
    assert.equal(
      flashed(over),
      `L'échéancier atteindrait ${formatMoney('100000.01')}, au-delà du montant accordé (${formatMoney('100000')}).`
    )
    const stale = await send(client, finance, 'put', `/financements/echeancier/${advance}`, {
      kind: 'advance',
      expectedOn: '2024-01-31',
      amount: '20 000',
      version: 1,
    })
    stale.assertStatus(303)
    assert.match(flashed(stale), /modifiée par quelqu'un d'autre/)
    assert.deepEqual(await tableCounts(CORRECTION_TABLES), before)

    // A receipt of 25 000 pays the advance (the one open instalment awaiting 25 000).
    const paid = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2024-02-10', '25 000')
    )
    assert.equal(flashed(paid), '')
    const receipt = await lastReceipt(grant.id)
    assert.deepEqual(await allocationsOf(receipt.id), [[advance, '25000.00', 'automatic']])

    const counts = await tableCounts(CORRECTION_TABLES)
    const refused = await send(client, finance, 'put', `/financements/echeancier/${advance}`, {
      kind: 'advance',
      expectedOn: '2024-01-31',
      amount: '26 000',
      version: 2,
    })
    refused.assertStatus(303)
    assert.equal(
      flashed(refused),
      'Cette échéance est payée par 1 versement(s) rapproché(s) : elle ne peut plus être modifiée. Annulez-la avec un motif (ces versements ne seront plus rapprochés) ou annulez le versement.'
    )
    const noReason = await send(
      client,
      finance,
      'post',
      `/financements/echeancier/${advance}/annulation`,
      { reason: ' ' }
    )
    noReason.assertStatus(302)
    assert.property(noReason.flashMessages().inputErrorsBag, 'reason')
    assert.deepEqual(await tableCounts(CORRECTION_TABLES), counts)

    const cancelled = await send(
      client,
      finance,
      'post',
      `/financements/echeancier/${advance}/annulation`,
      { reason: 'Avance supprimée par avenant' }
    )
    cancelled.assertStatus(302)
    assert.equal(
      flashed(cancelled, 'success'),
      'Échéance annulée. 1 versement(s) ne lui sont plus rapprochés.'
    )
    const gone = await row('grant_payment_schedules', advance)
    assert.isNotNull(gone.cancelled_at)
    assert.equal(gone.cancel_reason, 'Avance supprimée par avenant')
    assert.equal(gone.cancelled_actor, finance.email)
    assert.equal(gone.cancelled_by, finance.id)
    assert.equal(gone.amount, '25000.00', 'the row stays as it was')
    assert.deepEqual(await allocationsOf(receipt.id), [])

    // Kept on the page, struck out, with who and why; the schedule's total leaves it out.
    const show = await client.get(`/financements/conventions/${grant.id}`).actingAs(finance)
    const schedule = show.text().split('id="echeancier"')[1].split('</table>')[0]
    assert.include(schedule, `<del>${formatMoney('25000')}</del>`)
    assert.include(
      schedule,
      `Annulé le ${today()} par ${finance.email} : Avance supprimée par avenant`
    )
    assert.match(
      schedule,
      new RegExp(`Total échelonné</th><td class="num">${formatMoney('70000')}`)
    )

    // Nothing more happens to a cancelled row, in the application or in the database.
    for (const again of [
      await send(client, finance, 'post', `/financements/echeancier/${advance}/annulation`, {
        reason: 'Encore',
      }),
      await send(client, finance, 'put', `/financements/echeancier/${advance}`, {
        kind: 'advance',
        expectedOn: '2024-01-31',
        amount: '1',
      }),
    ]) {
      again.assertStatus(303)
      assert.match(
        flashed(again),
        /^Cette ligne est annulée \(annulé le .*\) : elle reste telle quelle\.$/
      )
    }
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.from('grant_payment_schedules').where('id', advance).update({ amount: '1.00' })
        ),
      /Cette ligne est annulée/
    )

    // Its 25 000 are free again: 70 000 + 30 000 fill the 100 000 awarded (app and database).
    const room = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/echeancier`,
      {
        kind: 'instalment',
        expectedOn: '2024-06-30',
        amount: '30 000',
      }
    )
    assert.equal(flashed(room), '')
  })
})

test.group('Grants | corrections of receipts', (group) => {
  isolated(group)

  test('a receipt is edited while unmatched; a matched one is cancelled with its reason, struck out and counted nowhere', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'CORR-2', '100000')
    const [advance] = await addInstalments(organisation.id, grant.id, [
      ['advance', '2024-01-15', '30000.00'],
      ['balance', '2025-03-31', '70000.00'],
    ])

    const recorded = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2024-02-01', '12 000')
    )
    assert.equal(
      flashed(recorded, 'warning'),
      `Non rapproché : aucune échéance ouverte n'attend ${formatMoney('12000')}. Choisissez ce qu'il paie en corrigeant le versement.`
    )
    const receipt = await lastReceipt(grant.id)
    const page = await client.get(`/financements/recus/${receipt.id}/modifier`).actingAs(finance)
    page.assertStatus(200)
    assert.include(page.text(), 'Échéances payées par ce versement')
    assert.include(page.text(), `name="allocations[1][scheduleId]"`)

    // The amount typed was wrong: corrected to 30 000, it now pays the advance.
    const edited = await send(client, finance, 'put', `/financements/recus/${receipt.id}`, {
      receivedOn: '2024-02-10',
      amount: '30 000',
      reference: 'VIR-1',
      version: 1,
    })
    edited.assertStatus(302)
    assert.equal(
      flashed(edited, 'success'),
      `Versement corrigé. Rapproché automatiquement de l'échéance « advance 2024-01-15 » du 15/01/2024 (${formatMoney('30000')}).`
    )
    const after = await row('grant_receipts', receipt.id)
    assert.equal(after.amount, '30000.00')
    assert.equal(after.reference, 'VIR-1')
    assert.equal(after.version, 2)
    assert.deepEqual(await allocationsOf(receipt.id), [[advance, '30000.00', 'automatic']])

    const counts = await tableCounts(CORRECTION_TABLES)
    const refused = await send(client, finance, 'put', `/financements/recus/${receipt.id}`, {
      receivedOn: '2024-02-10',
      amount: '31 000',
      version: 2,
    })
    refused.assertStatus(303)
    assert.equal(
      flashed(refused),
      'Ce versement est rapproché de 1 échéance(s) : il ne peut plus être modifié. Annulez-le avec un motif et saisissez-le à nouveau.'
    )
    assert.deepEqual(await tableCounts(CORRECTION_TABLES), counts)

    const awaited = (iso: string) =>
      asOrganisation(organisation, () =>
        new AwaitedFunding(tenantOf(organisation), { today: day(iso) }).build()
      )
    const paid = await awaited('2024-09-01')
    assert.equal(paid.overdue.amount.toFixed(2), '0.00')
    assert.equal(paid.awaited.amount.toFixed(2), '70000.00')

    const cancelled = await send(
      client,
      finance,
      'post',
      `/financements/recus/${receipt.id}/annulation`,
      { reason: 'Virement rejeté par la banque' }
    )
    cancelled.assertStatus(302)
    assert.equal(
      flashed(cancelled, 'success'),
      "Versement annulé. Les 1 échéance(s) qu'il payait sont de nouveau ouvertes."
    )
    const gone = await row('grant_receipts', receipt.id)
    assert.equal(gone.cancel_reason, 'Virement rejeté par la banque')
    assert.equal(gone.cancelled_actor, finance.email)
    assert.deepEqual(await allocationsOf(receipt.id), [])

    // Struck out with who and why; received 0, and the advance is overdue again at 1 September.
    const show = await client
      .get(`/financements/conventions/${grant.id}?date=2024-09-01`)
      .actingAs(finance)
    const receipts = show.text().split('id="versements"')[1].split('</table>')[0]
    assert.include(receipts, `<del>${formatMoney('30000')}</del>`)
    assert.include(
      receipts,
      `Annulé le ${today()} par ${finance.email} : Virement rejeté par la banque`
    )
    assert.match(receipts, new RegExp(`Total reçu</th><td class="num">${formatMoney('0')}`))
    const schedule = show.text().split('id="echeancier"')[1].split('</table>')[0]
    assert.include(schedule, 'En retard')
    const unpaid = await awaited('2024-09-01')
    assert.equal(unpaid.overdue.amount.toFixed(2), '30000.00')
    assert.equal(unpaid.awaited.amount.toFixed(2), '70000.00')
    // Nor do the receivables and the grants dashboard count it.
    const receivables = await asOrganisation(organisation, () =>
      new Receivables(tenantOf(organisation), { date: '2024-09-01' }).build()
    )
    assert.equal(receivables.totals.received.toFixed(2), '0.00')
    const dashboard = await asOrganisation(organisation, () =>
      new GrantsDashboard(tenantOf(organisation), { today: day('2024-09-01') }).build()
    )
    assert.deepEqual(
      dashboard.awaited.map((a) => [a.reference, a.received.toFixed(2), a.awaited.toFixed(2)]),
      [['CORR-2', '0.00', '100000.00']]
    )

    // The 30 000 cancelled leave room for 100 000 received (app and database check).
    const full = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2024-03-01', '100 000')
    )
    assert.equal(flashed(full), '')
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.from('grant_receipts').where('id', receipt.id).update({ cancel_reason: 'Autre' })
        ),
      /Cette ligne est annulée/
    )
  })

  test('a receipt matched to its bank line is not edited', async ({ client, assert }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'CORR-3', '100000')
    const ledger = await makeLedger(organisation, ['512', '441'])
    await postEntry(organisation, ledger, '2023-02-10', [
      { account: '512', debit: '5000' },
      { account: '441', credit: '5000' },
    ])
    const line = await inspecting(() =>
      db
        .from('entry_lines')
        .where({ organisation_id: organisation.id, account_number: '512' })
        .firstOrFail()
    )
    const posted = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      {
        ...receiptForm('2023-02-10', '5 000'),
        entryLineId: line.id,
      }
    )
    assert.equal(flashed(posted), '')
    const receipt = await lastReceipt(grant.id)
    const refused = await send(client, finance, 'put', `/financements/recus/${receipt.id}`, {
      receivedOn: '2023-02-11',
      amount: '5 000',
      version: 1,
    })
    refused.assertStatus(303)
    assert.equal(
      flashed(refused),
      `Ce versement est rapproché d'une ligne de banque du grand livre : il ne peut plus être modifié. Annulez-le avec un motif et saisissez-le à nouveau.`
    )
    assert.equal((await row('grant_receipts', receipt.id)).received_on, '2023-02-10')
  })
  test('nothing is corrected on a closed convention until its closing step is cancelled', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'CORR-8', '100000')
    await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/versements`,
      receiptForm('2024-02-10', '30 000')
    )
    const receipt = await lastReceipt(grant.id)
    for (const [kind, occurredOn] of [
      ['report_sent', '2025-03-01'],
      ['closed', '2025-06-30'],
    ]) {
      await send(client, finance, 'post', `/financements/conventions/${grant.id}/etapes`, {
        kind,
        occurredOn,
      })
    }
    const closing = await inspecting(() =>
      db.from('grant_events').where({ grant_id: grant.id, kind: 'closed' }).firstOrFail()
    )
    const counts = await tableCounts(CORRECTION_TABLES)
    const message =
      "La convention CORR-8 est clôturée : ses échéances et versements ne peuvent plus être corrigés (annulez d'abord sa dernière étape si elle est erronée)."
    const edit = await send(client, finance, 'put', `/financements/recus/${receipt.id}`, {
      receivedOn: '2024-02-10',
      amount: '31 000',
      version: 1,
    })
    edit.assertStatus(303)
    assert.equal(flashed(edit), message)
    const cancel = await send(
      client,
      finance,
      'post',
      `/financements/recus/${receipt.id}/annulation`,
      {
        reason: 'Virement rejeté',
      }
    )
    cancel.assertStatus(303)
    assert.equal(flashed(cancel), message)
    assert.deepEqual(await tableCounts(CORRECTION_TABLES), counts)

    const reopened = await send(
      client,
      finance,
      'post',
      `/financements/etapes/${closing.id}/annulation`,
      {
        reason: 'Clôturée trop tôt : un versement est à corriger',
      }
    )
    assert.equal(
      flashed(reopened, 'success'),
      'Étape annulée : la convention est de nouveau « Bilan envoyé ».'
    )
    const cancelled = await send(
      client,
      finance,
      'post',
      `/financements/recus/${receipt.id}/annulation`,
      {
        reason: 'Virement rejeté',
      }
    )
    assert.equal(flashed(cancelled, 'success'), 'Versement annulé.')
  })
})

test.group('Grants | corrections of targets, deadlines and steps', (group) => {
  isolated(group)

  test('an activity target is edited until a report accounts for it, then cancelled and replaced', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'CORR-4', '100000')
    const target = (value: string) => ({
      indicatorCode: 'JEUNES',
      label: 'Jeunes accompagnés',
      year: '2024',
      target: value,
    })
    await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/objectifs`,
      target('500')
    )
    const first = await inspecting(() =>
      db.from('grant_targets').where('grant_id', grant.id).firstOrFail()
    )
    const edited = await send(client, finance, 'put', `/financements/objectifs/${first.id}`, {
      ...target('550'),
      version: 1,
    })
    assert.equal(flashed(edited, 'success'), 'Objectif corrigé.')
    assert.equal((await row('grant_targets', first.id)).target, '550.00')

    const sent = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/etapes`,
      {
        kind: 'report_sent',
        occurredOn: '2025-03-15',
      }
    )
    assert.equal(flashed(sent), '')
    const refused = await send(client, finance, 'put', `/financements/objectifs/${first.id}`, {
      ...target('560'),
      version: 2,
    })
    refused.assertStatus(303)
    assert.equal(
      flashed(refused),
      "Le bilan envoyé le 15/03/2025 rend compte de cet objectif : il ne peut plus être modifié. Annulez-le avec un motif et saisissez l'objectif corrigé."
    )

    const cancelled = await send(
      client,
      finance,
      'post',
      `/financements/objectifs/${first.id}/annulation`,
      {
        reason: 'Objectif revu par l’avenant 2',
      }
    )
    assert.equal(flashed(cancelled, 'success'), 'Objectif annulé.')
    const twiceCancelled = await send(
      client,
      finance,
      'post',
      `/financements/objectifs/${first.id}/annulation`,
      { reason: 'Encore une fois' }
    )
    twiceCancelled.assertStatus(303)
    assert.match(flashed(twiceCancelled), /^Cette ligne est annulée/)
    const replaced = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/objectifs`,
      target('600')
    )
    assert.equal(flashed(replaced), '')
    const twice = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/objectifs`,
      target('700')
    )
    twice.assertStatus(303)
    assert.equal(flashed(twice), 'Un objectif existe déjà pour cet indicateur et cette année.')

    // The execution report counts the replacing target only.
    const report = await asOrganisation(organisation, () =>
      new FunderReport(tenantOf(organisation), {
        grantId: grant.id,
        from: '2024-01-01',
        to: '2024-12-31',
      }).build()
    )
    assert.deepEqual(
      report.activity.map((a) => [a.code, a.year, a.target.toFixed(2)]),
      [['JEUNES', 2024, '600.00']]
    )
    const show = await client.get(`/financements/conventions/${grant.id}`).actingAs(finance)
    assert.include(
      show.text(),
      `<del>Jeunes accompagnés</del> — Annulé le ${today()} par ${finance.email}`
    )
  })

  test('a deadline is edited until done; cancelled, it is no longer overdue', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'CORR-5', '100000')
    await send(client, finance, 'post', `/financements/conventions/${grant.id}/echeances`, {
      kind: 'interim_report',
      label: 'Bilan intermédiaire 2023',
      dueOn: '2024-04-30',
    })
    await send(client, finance, 'post', `/financements/conventions/${grant.id}/echeances`, {
      kind: 'final_report',
      label: 'Bilan final',
      dueOn: '2025-03-31',
    })
    const [interim, final] = await inspecting(() =>
      db.from('grant_deadlines').where('grant_id', grant.id).orderBy('due_on')
    )
    const edited = await send(client, finance, 'put', `/financements/echeances/${interim.id}`, {
      kind: 'interim_report',
      label: 'Bilan intermédiaire 2023',
      dueOn: '2024-05-31',
      version: 1,
    })
    assert.equal(flashed(edited, 'success'), 'Échéance de bilan corrigée.')
    const overdue = () =>
      asOrganisation(organisation, () =>
        new ReportingDeadlines(tenantOf(organisation), { today: day('2024-09-01') }).build()
      )
    assert.deepEqual(
      (await overdue()).overdue.map((d) => [d.label, d.dueOn, d.daysLate]),
      [['Bilan intermédiaire 2023', '2024-05-31', 93]]
    )
    const short = await send(
      client,
      finance,
      'post',
      `/financements/echeances/${interim.id}/annulation`,
      { reason: 'no' }
    )
    short.assertStatus(302)
    assert.property(short.flashMessages().inputErrorsBag, 'reason')
    assert.isNull((await row('grant_deadlines', interim.id)).cancelled_at)
    const cancelled = await send(
      client,
      finance,
      'post',
      `/financements/echeances/${interim.id}/annulation`,
      {
        reason: 'Bilan intermédiaire supprimé par la DREETS',
      }
    )
    assert.equal(flashed(cancelled, 'success'), 'Échéance de bilan annulée.')
    assert.lengthOf((await overdue()).overdue, 0)

    // A report sent marks the final report done: it is not edited any more.
    await send(client, finance, 'post', `/financements/conventions/${grant.id}/etapes`, {
      kind: 'report_sent',
      occurredOn: '2025-03-20',
    })
    const done = await row('grant_deadlines', final.id)
    assert.equal(done.done_on, '2025-03-20')
    const refused = await send(client, finance, 'put', `/financements/echeances/${final.id}`, {
      kind: 'final_report',
      label: 'Bilan final',
      dueOn: '2025-04-30',
      version: done.version,
    })
    refused.assertStatus(303)
    assert.equal(
      flashed(refused),
      'Cette échéance est faite (le 20/03/2025) : elle ne peut plus être modifiée. Annulez-la avec un motif si elle était erronée.'
    )
  })

  test('a step keeps its place when edited; only the last one is cancelled, and its deadline reopens', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'CORR-6', '100000')
    await send(client, finance, 'post', `/financements/conventions/${grant.id}/echeances`, {
      kind: 'final_report',
      label: 'Bilan final',
      dueOn: '2024-03-31',
    })
    await send(client, finance, 'post', `/financements/conventions/${grant.id}/etapes`, {
      kind: 'report_sent',
      occurredOn: '2024-03-15',
    })
    const steps = await inspecting(() =>
      db.from('grant_events').where('grant_id', grant.id).orderBy(['occurred_on', 'id'])
    )
    assert.deepEqual(
      steps.map((s) => s.kind),
      ['requested', 'notified', 'signed', 'report_sent']
    )
    const [requested, , signed, report] = steps

    const moved = await send(client, finance, 'put', `/financements/etapes/${signed.id}`, {
      occurredOn: '2023-02-01',
      note: 'Signée en préfecture',
      version: signed.version,
    })
    assert.equal(flashed(moved, 'success'), 'Étape corrigée.')
    assert.equal((await row('grant_events', signed.id)).occurred_on, '2023-02-01')
    const counts = await tableCounts(CORRECTION_TABLES)
    const late = await send(client, finance, 'put', `/financements/etapes/${signed.id}`, {
      occurredOn: '2024-06-01',
      version: signed.version + 1,
    })
    late.assertStatus(303)
    assert.equal(
      flashed(late),
      "L'étape garde sa place dans la vie de la convention : datez-la après le 01/01/2023 et avant le 15/03/2024."
    )
    const fulfilled = await send(client, finance, 'put', `/financements/etapes/${report.id}`, {
      occurredOn: '2024-03-16',
      version: report.version,
    })
    fulfilled.assertStatus(303)
    assert.equal(
      flashed(fulfilled),
      "Cette étape a marqué comme faite l'échéance « Bilan final » (bilan final) : elle ne peut plus être modifiée. Annulez-la avec un motif (l'échéance redeviendra à faire) et saisissez-la à nouveau."
    )
    const notLast = await send(
      client,
      finance,
      'post',
      `/financements/etapes/${signed.id}/annulation`,
      {
        reason: 'Erreur',
      }
    )
    assert.equal(
      flashed(notLast),
      "Seule la dernière étape de la convention peut être annulée (ici « Bilan envoyé » du 15/03/2024) : annulez d'abord les étapes qui suivent."
    )
    const first = await send(
      client,
      finance,
      'post',
      `/financements/etapes/${requested.id}/annulation`,
      {
        reason: 'Erreur',
      }
    )
    assert.match(flashed(first), /^La demande est la première étape de la convention/)
    assert.deepEqual(await tableCounts(CORRECTION_TABLES), counts)

    const cancelled = await send(
      client,
      finance,
      'post',
      `/financements/etapes/${report.id}/annulation`,
      {
        reason: 'Bilan envoyé à la mauvaise adresse',
      }
    )
    assert.equal(
      flashed(cancelled, 'success'),
      'Étape annulée : la convention est de nouveau « Signée ». 1 échéance(s) de bilan sont de nouveau à faire.'
    )
    assert.equal((await row('grants', grant.id)).status, 'signed')
    const deadline = await inspecting(() =>
      db.from('grant_deadlines').where('grant_id', grant.id).firstOrFail()
    )
    assert.isNull(deadline.done_on)
    assert.isNull(deadline.done_by_event_id)
    const show = await client.get(`/financements/conventions/${grant.id}`).actingAs(finance)
    assert.include(
      show.text(),
      `Annulé le ${today()} par ${finance.email} : Bilan envoyé à la mauvaise adresse`
    )

    // Sent again, properly.
    const again = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/etapes`,
      {
        kind: 'report_sent',
        occurredOn: '2024-03-20',
      }
    )
    assert.equal(flashed(again), '')
    assert.equal((await row('grant_deadlines', deadline.id)).done_on, '2024-03-20')
  })

  test('board, hr and quality correct nothing')
    .with(['board', 'hr', 'quality'] as Role[])
    .run(async ({ client, assert }, role) => {
      const organisation = await makeOrganisation()
      const user = await makeUser(organisation, [role])
      const grant = await makeGrant(organisation, 'CORR-7', '100000')
      const [instalment] = await addInstalments(organisation.id, grant.id, [
        ['advance', '2024-01-15', '30000.00'],
      ])
      const step = await inspecting(() =>
        db.from('grant_events').where('grant_id', grant.id).orderBy('id', 'desc').firstOrFail()
      )
      const before = await tableCounts(CORRECTION_TABLES)
      const page = await client
        .get(`/financements/echeancier/${instalment}/modifier`)
        .actingAs(user)
      page.assertStatus(403)
      for (const [method, url] of [
        ['put', `/financements/echeancier/${instalment}`],
        ['post', `/financements/echeancier/${instalment}/annulation`],
        ['put', `/financements/etapes/${step.id}`],
        ['post', `/financements/etapes/${step.id}/annulation`],
      ] as const) {
        const response = await send(client, user, method, url, { reason: 'Essai' })
        response.assertStatus(403)
      }
      assert.deepEqual(await tableCounts(CORRECTION_TABLES), before)
    })
})
