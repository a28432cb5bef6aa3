import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { isolated, makeOrganisation, makeUser, tableCounts } from '#tests/helpers'
import { makeGrant } from '#tests/functional/grants/fixtures'
import { CORRECTION_TABLES, flashed, row, send } from '#tests/functional/grants/helpers'
import {
  GRANT_STATUSES,
  GRANT_TRANSITIONS,
  nextSteps,
  transitionRefusal,
  type GrantStatus,
} from '#vocabulary/grants'
import { codesOf } from '#vocabulary/labels'

const ALL = codesOf(GRANT_STATUSES)

/**
 * The histories a convention can have reached, one per stage (and a reduction after signature,
 * which keeps the convention at its stage): the steps written straight to the table.
 */
const HISTORIES: GrantStatus[][] = [
  ['requested'],
  ['requested', 'notified'],
  ['requested', 'notified', 'signed'],
  ['requested', 'notified', 'signed', 'reduced'],
  ['requested', 'notified', 'signed', 'report_sent'],
  ['requested', 'notified', 'signed', 'report_sent', 'balance_requested'],
  ['requested', 'notified', 'signed', 'report_sent', 'balance_requested', 'closed'],
  ['requested', 'refused'],
  ['requested', 'notified', 'cancelled'],
]

test.group('Grants | lifecycle transitions', (group) => {
  isolated(group)

  test('the transition table: closed, refused and cancelled are final; every stage leads on', ({
    assert,
  }) => {
    assert.deepEqual(GRANT_TRANSITIONS.closed, [])
    assert.deepEqual(GRANT_TRANSITIONS.refused, [])
    assert.deepEqual(GRANT_TRANSITIONS.cancelled, [])
    assert.deepEqual(nextSteps(['requested', 'notified', 'signed', 'reduced']), [
      'report_sent',
      'reduced',
      'cancelled',
    ])
    assert.isNull(transitionRefusal(['requested'], 'notified'))
  })

  test('a convention goes from request to closing through HTTP, a report at a time', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'VIE-1')
    const steps: Array<[GrantStatus, string]> = [
      ['report_sent', '2024-03-15'],
      ['report_sent', '2025-03-15'],
      ['reduced', '2025-04-01'],
      ['balance_requested', '2025-04-15'],
      ['closed', '2025-06-30'],
    ]
    for (const [kind, occurredOn] of steps) {
      const response = await send(
        client,
        finance,
        'post',
        `/financements/conventions/${grant.id}/etapes`,
        {
          kind,
          occurredOn,
        }
      )
      assert.equal(flashed(response), '', `${kind} on ${occurredOn}`)
      assert.equal(flashed(response, 'success'), 'Étape enregistrée.')
      assert.equal((await row('grants', grant.id)).status, kind)
    }
  })

  test('every forbidden transition is refused with its French message, and changes nothing', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    let refused = 0
    for (const [index, history] of HISTORIES.entries()) {
      const grant = await makeGrant(organisation, `INTERDIT-${index}`)
      await db.from('grant_events').where('grant_id', grant.id).delete()
      await db.table('grant_events').multiInsert(
        history.map((kind, position) => ({
          organisation_id: organisation.id,
          grant_id: grant.id,
          kind,
          occurred_on: `2023-01-${String(position + 1).padStart(2, '0')}`,
          actor: 'test',
        }))
      )
      await db
        .from('grants')
        .where('id', grant.id)
        .update({ status: history.at(-1) })
      const allowed = nextSteps(history)
      for (const kind of ALL.filter((k) => !allowed.includes(k))) {
        const before = await tableCounts(CORRECTION_TABLES)
        const response = await send(
          client,
          finance,
          'post',
          `/financements/conventions/${grant.id}/etapes`,
          { kind, occurredOn: '2024-06-01' }
        )
        response.assertStatus(303)
        const message = transitionRefusal(history, kind)
        assert.isString(message)
        assert.equal(flashed(response), message, `${history.join(' → ')} → ${kind}`)
        assert.deepEqual(await tableCounts(CORRECTION_TABLES), before)
        assert.equal((await row('grants', grant.id)).status, history.at(-1))
        refused += 1
      }
    }
    // 9 kinds of step × 9 histories, less the 18 allowed (3 + 3 + 3 + 3 + 4 + 2 + 0 + 0 + 0).
    assert.equal(refused, 81 - 18)

    // A sample of the messages, word for word.
    assert.equal(
      transitionRefusal(['requested', 'notified', 'signed'], 'closed'),
      'L’étape « Clôturée » ne peut pas suivre « Signée » : la convention doit d’abord passer par « Bilan envoyé ». Étapes possibles : « Bilan envoyé », « Réduite », « Annulée ».'
    )
    assert.equal(
      transitionRefusal(['requested', 'notified', 'signed', 'report_sent'], 'cancelled'),
      'Une convention dont un bilan a été envoyé ne peut plus être annulée : réduisez-la par avenant puis clôturez-la. Étapes possibles : « Bilan envoyé », « Solde demandé », « Clôturée », « Réduite ».'
    )
    assert.equal(
      transitionRefusal(['requested', 'refused'], 'notified'),
      'La convention est refusée : aucune étape ne peut plus y être enregistrée. Annulez d’abord sa dernière étape si elle est erronée.'
    )
    assert.equal(
      transitionRefusal(['requested', 'notified'], 'refused'),
      'Seule une demande pas encore notifiée peut être refusée par le financeur ; la convention en est à l’étape « Notifiée ». Étapes possibles : « Signée », « Réduite », « Annulée ».'
    )
  })

  test('a step dated before the previous one, and a reduction of a mere request, are refused', async ({
    client,
    assert,
  }) => {
    const organisation = await makeOrganisation()
    const finance = await makeUser(organisation, ['finance'])
    const grant = await makeGrant(organisation, 'VIE-2')
    const early = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${grant.id}/etapes`,
      {
        kind: 'report_sent',
        occurredOn: '2022-12-31',
      }
    )
    early.assertStatus(303)
    assert.equal(
      flashed(early),
      "L'étape ne peut pas être datée du 31/12/2022, avant l'étape « Signée » du 01/01/2023."
    )

    const requested = await send(client, finance, 'post', '/financements/conventions', {
      funderId: grant.funderId,
      reference: 'VIE-3',
      title: 'Demande en cours',
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      amountAwarded: '50 000',
    })
    requested.assertStatus(302)
    const request = await db.from('grants').where('reference', 'VIE-3').firstOrFail()
    const before = await tableCounts(CORRECTION_TABLES)
    const reduce = await send(
      client,
      finance,
      'post',
      `/financements/conventions/${request.id}/avenants`,
      {
        newAmount: '40 000',
        signedOn: '2024-02-01',
        reason: 'Moins de jeunes',
      }
    )
    reduce.assertStatus(303)
    assert.equal(
      flashed(reduce),
      'Avenant de réduction refusé. Une demande pas encore notifiée ne peut pas être réduite : enregistrez d’abord sa notification. Étapes possibles : « Notifiée », « Refusée », « Annulée ».'
    )
    assert.deepEqual(await tableCounts(CORRECTION_TABLES), before)
    assert.equal((await row('grants', request.id)).amount_awarded, '50000.00')
  })
})
