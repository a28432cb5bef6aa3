import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { demoOrganisation, isolated, makeOrganisation } from '#tests/helpers'
import { actingAs, requireTenant } from '#support/request_context'
import { loadRapport2023 } from '#database/seeders/demo'
import { DEMO_MEETING_TITLE, seedGovernance } from '#database/seeders/governance'
import Composition from '#reports/governance/composition'
import Meeting from '#models/governance/meeting'
import {
  AllocationResolutions,
  allocationRefusal,
} from '#reports/accounting/allocation_resolutions'
import MeetingMinutes from '#reports/governance/minutes'

async function seeded() {
  const organisation = await makeOrganisation()
  const rapport = await loadRapport2023()
  // Accounting's demo step runs first and creates the 2023 fiscal year.
  const [fiscalYear] = await db
    .table('fiscal_years')
    .insert({
      organisation_id: organisation.id,
      label: '2023',
      start_date: '2023-01-01',
      end_date: '2023-12-31',
    })
    .returning('id')
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction((trx) => seedGovernance(organisation, rapport, trx))
  )
  return { organisation, rapport, fiscalYearId: fiscalYear.id as number }
}

test.group('Governance demo reproduces the report', (group) => {
  isolated(group)

  test('four colleges, members and vote weights match the reference cell by cell', async ({
    assert,
  }) => {
    const { organisation, rapport } = await seeded()
    const report = await actingAs(
      { organisationId: organisation.id, userId: null, label: 'test' },
      () => new Composition(requireTenant(), { day: DateTime.fromISO('2024-06-13') }).build()
    )
    assert.deepEqual(report.warnings, [])
    const reference = rapport.governance.colleges
    assert.lengthOf(report.colleges, reference.length)
    for (const [index, expected] of reference.entries()) {
      const college = report.colleges[index]
      assert.equal(college.number, expected.number)
      assert.equal(college.name, expected.name)
      assert.equal(college.maxSeats, expected.max_seats)
      assert.equal(college.deliberative, !/consultative/i.test(expected.rule))
      const seats = college.seats.filter((seat) => seat.role === 'titular')
      const remaining = [...seats]
      for (const member of expected.members) {
        if (typeof member === 'string') {
          const seat = remaining.find((s) => s.memberBody === member)
          assert.exists(seat, member)
          assert.equal(seat!.votes.toString(), college.deliberative ? '1' : '1')
          remaining.splice(remaining.indexOf(seat!), 1)
        } else if (member.count) {
          const others = remaining.filter((s) => s.memberKind === 'epci' && !s.derived)
          assert.lengthOf(others, member.count)
          for (const seat of others) {
            assert.equal(seat.votes.toString(), String(member.votes_each))
            remaining.splice(remaining.indexOf(seat), 1)
          }
        } else {
          const seat = remaining.find((s) => s.memberBody === member.name)
          assert.exists(seat, member.name)
          assert.equal(seat!.votes.toString(), String(member.votes), member.name)
          remaining.splice(remaining.indexOf(seat!), 1)
        }
      }
      assert.deepEqual(remaining, [], `collège ${expected.number} : membres en trop`)
    }
    // Totals per college, as in the report: 18 votes in college 1, 8 in colleges 2 and 3.
    assert.deepEqual(
      report.colleges.map((c) => c.votes.toString()),
      ['18', '8', '8', '4']
    )
    assert.equal(report.deliberativeVotes.toString(), '34')
    assert.equal(report.consultativeVoices, 4)
    assert.deepEqual(
      report.colleges.map((c) => c.vacancies),
      [7, 0, 0, 0]
    )
  })

  test('the 2024 board meeting is recorded with proxies, quorum and three resolutions', async ({
    assert,
  }) => {
    const { organisation, fiscalYearId } = await seeded()
    await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, async () => {
      const meeting = await Meeting.query().where('title', DEMO_MEETING_TITLE).firstOrFail()
      const minutes = await new MeetingMinutes(requireTenant(), { meetingId: meeting.id }).build()
      assert.equal(minutes.quorum.total.toString(), '27')
      assert.equal(minutes.quorum.present.toString(), '12')
      assert.equal(minutes.quorum.represented.toString(), '3')
      assert.isTrue(minutes.quorum.reached)
      assert.lengthOf(minutes.proxies, 3)
      assert.lengthOf(minutes.resolutions, 3)
      assert.isTrue(minutes.resolutions.every((r) => r.resolution.result === 'adopted'))
      assert.deepEqual(
        minutes.resolutions.map((r) => [r.resolution.subjectKind, r.resolution.fiscalYearId]),
        [
          ['approve_accounts', fiscalYearId],
          ['allocate_result', fiscalYearId],
          ['appointment', null],
        ]
      )
      // The board only proposes the allocation: accounting's gate offers the general assembly's
      // resolution of 20 June 2024, never the board's (issue #14).
      const choices = (await new AllocationResolutions(requireTenant(), {}).build()).filter(
        (row) => allocationRefusal(row, { id: fiscalYearId, label: '2023' }) === null
      )
      assert.deepEqual(
        choices.map((row) => row.label),
        ['AG du 20 juin 2024 — Affectation du résultat 2023']
      )
      assert.notEqual(choices[0].id, minutes.resolutions[1].resolution.id)
      for (const { tally } of minutes.resolutions) {
        // Two consultative members voted: shown, never counted in the weighted tally.
        const c = tally.consultative
        assert.equal(c.for + c.against + c.abstention, 2)
        assert.equal(
          tally.for.plus(tally.against).plus(tally.abstention).toString(),
          tally.base.toString()
        )
      }
    })
  })
})

test.group('Governance in the whole demo', (group) => {
  isolated(group)

  test('the demo links the accounts resolutions to the 2023 fiscal year of accounting', async ({
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const fiscalYear = await db
      .from('fiscal_years')
      .where('organisation_id', organisation.id)
      .where('start_date', '<=', '2023-12-31')
      .where('end_date', '>=', '2023-12-31')
      .firstOrFail()
    const fiscalYear2022 = await db
      .from('fiscal_years')
      .where('organisation_id', organisation.id)
      .where('start_date', '2022-01-01')
      .firstOrFail()
    const rows = await db
      .from('resolutions')
      .join('meetings', 'meetings.id', 'resolutions.meeting_id')
      .where('resolutions.organisation_id', organisation.id)
      .whereIn('subject_kind', ['approve_accounts', 'allocate_result'])
      .orderBy('meetings.held_at')
      .orderBy('position')
      .select('meetings.kind', 'subject_kind', 'fiscal_year_id', 'result')
    // The general assembly of June 2023 (2022), the board of 13 June 2024 that closes the 2023
    // accounts and proposes their allocation, the general assembly of 20 June 2024 that decides.
    assert.deepEqual(
      rows.map((r) => [r.kind, r.subject_kind, r.fiscal_year_id, r.result]),
      [
        ['ag_ordinaire', 'approve_accounts', fiscalYear2022.id, 'adopted'],
        ['ag_ordinaire', 'allocate_result', fiscalYear2022.id, 'adopted'],
        ['ca', 'approve_accounts', fiscalYear.id, 'adopted'],
        ['ca', 'allocate_result', fiscalYear.id, 'adopted'],
        ['ag_ordinaire', 'approve_accounts', fiscalYear.id, 'adopted'],
        ['ag_ordinaire', 'allocate_result', fiscalYear.id, 'adopted'],
      ]
    )
  }).timeout(120000)
})
