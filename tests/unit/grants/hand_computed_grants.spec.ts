import { test } from '@japa/runner'
import { tenantOf } from '#tests/functional/grants/fixtures'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { Decimal } from 'decimal.js'
import type Organisation from '#models/core/organisation'
import Funder from '#models/grants/funder'
import type Grant from '#models/grants/grant'
import GrantTarget from '#models/grants/grant_target'
import { isolated, makeOrganisation } from '#tests/helpers'
import { asOrg, setupLedger } from '#tests/fixtures/accounting'
import { createDraft, type DraftLineInput } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import { saveGrant, setYearSplit, type GrantInput } from '#actions/grants/conventions'
import { proposeYearEndEntries } from '#actions/grants/year_end'
import { addContract, addSalaryEvent, createEmployee, setAllocation } from '#actions/hr/register'
import { YearEndPositions } from '#reports/grants/year_end'
import { FunderReport } from '#reports/grants/funder_report'
import { FseHourlyRate } from '#reports/hr/staff_costs'

/**
 * Hand-computed grants figures (issue #11): year-end positions of the conventions (fonds dédiés
 * 6894/194, their use 194/7894, deferred income 487; docs/domain.md §1.4) and the funder report
 * with the FSE+ simplified cost options (CPR 2021/1060 art. 54–56; domain.md §5). Every expected
 * figure is computed in the comments from the inputs written in the test.
 */

const d = (accountNumber: string, amount: string, grantId?: number): DraftLineInput => ({
  accountNumber,
  debit: amount,
  grantId: grantId ?? null,
})
const c = (accountNumber: string, amount: string, grantId?: number): DraftLineInput => ({
  accountNumber,
  credit: amount,
  grantId: grantId ?? null,
})

async function fresh(years: number[]) {
  const organisation = await makeOrganisation('Mission Locale conventions')
  const ledger = await setupLedger(organisation, years)
  return { organisation, journal: ledger.journal }
}

async function post(
  organisation: Organisation,
  journalId: number,
  date: string,
  lines: DraftLineInput[]
) {
  return asOrg(organisation, async () => {
    const draft = await createDraft({ journalId, entryDate: date, label: 'Cas calculé', lines })
    await validateEntry(draft.id)
    return draft.id
  })
}

let funders = 0
async function convention(
  organisation: Organisation,
  input: Partial<GrantInput> & {
    reference: string
    category?: string
    amount: string
    start: string
    end: string
    split: Array<[number, string]>
  }
) {
  return asOrg(organisation, () =>
    db.transaction(async (trx) => {
      funders += 1
      const funder = await Funder.create(
        { name: `Financeur ${funders}`, category: input.category ?? 'region' },
        { client: trx }
      )
      const grant = await saveGrant(
        {
          funderId: funder.id,
          reference: input.reference,
          title: `Convention ${input.reference}`,
          periodStart: DateTime.fromISO(input.start),
          periodEnd: DateTime.fromISO(input.end),
          amountAwarded: new Decimal(input.amount),
          revenueAccount: input.revenueAccount ?? '742',
          cofinancingRate: input.cofinancingRate ?? null,
          flatRate: input.flatRate ?? 0,
          programmeIds: input.programmeIds,
        },
        trx
      )
      await setYearSplit(
        grant,
        input.split.map(([year, amount]) => ({ year, amount: new Decimal(amount) })),
        trx
      )
      return grant
    })
  )
}

async function positions(organisation: Organisation, year: number) {
  return asOrg(organisation, () =>
    new YearEndPositions(tenantOf(organisation), { year: year }).build()
  )
}

/** The draft lines proposed for the year, as [account, debit, credit, grant reference]. */
async function propose(organisation: Organisation, year: number, grants: Grant[]) {
  const ids = await asOrg(organisation, () =>
    db.transaction((trx) => proposeYearEndEntries(tenantOf(organisation), year, trx))
  )
  const reference = new Map(grants.map((g) => [g.id, g.reference]))
  const lines = await db
    .from('entry_lines')
    .whereIn('entry_id', ids)
    .orderBy('grant_id')
    .orderBy('account_number')
  return lines.map((l) => [l.account_number, l.debit, l.credit, reference.get(l.grant_id)])
}

const fixed = (value: Decimal | null) => value?.toFixed(2) ?? null

test.group('Hand-computed | year-end positions of the conventions', (group) => {
  isolated(group)

  test('unused part of a one-year grant becomes fonds dédiés (6894/194)', async ({ assert }) => {
    const { organisation, journal } = await fresh([2024])
    const grant = await convention(organisation, {
      reference: 'REG-24',
      amount: '30000',
      start: '2024-01-01',
      end: '2024-12-31',
      split: [[2024, '30000']],
    })
    await post(organisation, journal.VE, '2024-02-01', [
      d('441', '30000.00'),
      c('742', '30000.00', grant.id),
    ])
    await post(organisation, journal.SA, '2024-06-30', [
      d('6411', '18000.00', grant.id),
      c('421', '18000.00'),
    ])
    await post(organisation, journal.AC, '2024-06-30', [
      d('6064', '2000.00', grant.id),
      c('401', '2000.00'),
    ])
    // A cost of the association that is not attributed to the convention.
    await post(organisation, journal.AC, '2024-06-30', [d('613', '5000.00'), c('401', '5000.00')])

    const report = await positions(organisation, 2024)
    const p = report.positions.find((x) => x.grantId === grant.id)!
    assert.deepEqual(
      {
        recognised: fixed(p.recognised),
        consumed: fixed(p.consumed),
        attributable: fixed(p.attributable),
        deferred: fixed(p.deferred),
        newDedicated: fixed(p.newDedicated),
        usedDedicated: fixed(p.usedDedicated),
        closingDedicated: fixed(p.closingDedicated),
      },
      {
        recognised: '30000.00', // 742 of the convention
        consumed: '20000.00', // 6411 18 000 + 6064 2 000 (the unattributed 613 is not counted)
        attributable: '20000.00', // no cofinancing rate: all of it
        deferred: '0.00', // no later year in the split
        newDedicated: '10000.00', // 30 000 − 20 000
        usedDedicated: '0.00',
        closingDedicated: '10000.00', // 0 + 10 000
      }
    )
    assert.deepEqual(await propose(organisation, 2024, [grant]), [
      ['194', '0.00', '10000.00', 'REG-24'],
      ['6894', '10000.00', '0.00', 'REG-24'],
    ])
  })

  test('with a cofinancing rate only the convention’s share of the costs is consumed', async ({
    assert,
  }) => {
    const { organisation, journal } = await fresh([2024])
    const grant = await convention(organisation, {
      reference: 'COFI-80',
      amount: '40000',
      start: '2024-01-01',
      end: '2024-12-31',
      cofinancingRate: new Decimal('0.8'),
      split: [[2024, '40000']],
    })
    await post(organisation, journal.VE, '2024-02-01', [
      d('441', '40000.00'),
      c('742', '40000.00', grant.id),
    ])
    await post(organisation, journal.SA, '2024-10-31', [
      d('6411', '45000.00', grant.id),
      c('421', '45000.00'),
    ])
    const p = (await positions(organisation, 2024)).positions.find((x) => x.grantId === grant.id)!
    assert.equal(fixed(p.consumed), '45000.00')
    assert.equal(fixed(p.attributable), '36000.00') // 45 000 × 80 %
    assert.equal(fixed(p.newDedicated), '4000.00') // 40 000 − 36 000
    assert.deepEqual(await propose(organisation, 2024, [grant]), [
      ['194', '0.00', '4000.00', 'COFI-80'],
      ['6894', '4000.00', '0.00', 'COFI-80'],
    ])
  })

  test('prior fonds dédiés are used (194/7894) as costs come, never beyond the opening balance', async ({
    assert,
  }) => {
    const { organisation, journal } = await fresh([2024])
    const a = await convention(organisation, {
      reference: 'FD-A',
      amount: '50000',
      start: '2023-01-01',
      end: '2024-12-31',
      split: [[2023, '50000']],
    })
    const b = await convention(organisation, {
      reference: 'FD-B',
      amount: '20000',
      start: '2023-01-01',
      end: '2024-12-31',
      split: [[2023, '20000']],
    })
    // À-nouveaux: fonds dédiés carried from 2023, A 10 000 and B 3 000.
    await post(organisation, journal.AN, '2024-01-01', [
      d('512', '13000.00'),
      c('194', '10000.00', a.id),
      c('194', '3000.00', b.id),
    ])
    await post(organisation, journal.SA, '2024-03-31', [
      d('6411', '6000.00', a.id),
      d('6411', '5000.00', b.id),
      c('421', '11000.00'),
    ])

    const report = await positions(organisation, 2024)
    const pa = report.positions.find((x) => x.grantId === a.id)!
    const pb = report.positions.find((x) => x.grantId === b.id)!
    // A: no revenue in 2024, costs 6 000 → unused 0 − 6 000 = −6 000 → use 6 000 of the 10 000.
    assert.deepEqual(
      [fixed(pa.openingDedicated), fixed(pa.usedDedicated), fixed(pa.closingDedicated)],
      ['10000.00', '6000.00', '4000.00'] // closing 10 000 − 6 000
    )
    // B: costs 5 000 but only 3 000 left → use 3 000, closing 0.
    assert.deepEqual(
      [fixed(pb.openingDedicated), fixed(pb.usedDedicated), fixed(pb.closingDedicated)],
      ['3000.00', '3000.00', '0.00']
    )
    assert.equal(fixed(report.totals.usedDedicated), '9000.00') // 6 000 + 3 000
    assert.deepEqual(await propose(organisation, 2024, [a, b]), [
      ['194', '6000.00', '0.00', 'FD-A'],
      ['7894', '0.00', '6000.00', 'FD-A'],
      ['194', '3000.00', '0.00', 'FD-B'],
      ['7894', '0.00', '3000.00', 'FD-B'],
    ])
  })

  test('revenue of a later year goes to 487, the rest is compared with the costs', async ({
    assert,
  }) => {
    const { organisation, journal } = await fresh([2024, 2025])
    const grant = await convention(organisation, {
      reference: 'PLURI',
      amount: '100000',
      start: '2024-01-01',
      end: '2025-12-31',
      split: [
        [2024, '60000'],
        [2025, '40000'],
      ],
    })
    await post(organisation, journal.VE, '2024-02-01', [
      d('441', '100000.00'),
      c('742', '100000.00', grant.id),
    ])
    await post(organisation, journal.SA, '2024-12-31', [
      d('6411', '55000.00', grant.id),
      c('421', '55000.00'),
    ])
    const p = (await positions(organisation, 2024)).positions.find((x) => x.grantId === grant.id)!
    assert.deepEqual(
      [fixed(p.recognised), fixed(p.deferred), fixed(p.attributable), fixed(p.newDedicated)],
      [
        '100000.00',
        '40000.00', // min(100 000 − split 2024 60 000, later splits 40 000)
        '55000.00',
        '5000.00', // (100 000 − 40 000) − 55 000
      ]
    )
    assert.deepEqual(await propose(organisation, 2024, [grant]), [
      ['194', '0.00', '5000.00', 'PLURI'],
      ['487', '0.00', '40000.00', 'PLURI'],
      ['6894', '5000.00', '0.00', 'PLURI'],
      ['742', '40000.00', '0.00', 'PLURI'], // the convention's revenue account
    ])
  })

  test('only what the ledger does not already hold is proposed', async ({ assert }) => {
    const { organisation, journal } = await fresh([2024, 2025])
    const grant = await convention(organisation, {
      reference: 'PARTIEL',
      amount: '100000',
      start: '2024-01-01',
      end: '2025-12-31',
      split: [
        [2024, '60000'],
        [2025, '40000'],
      ],
    })
    await post(organisation, journal.VE, '2024-02-01', [
      d('441', '100000.00'),
      c('742', '100000.00', grant.id),
    ])
    await post(organisation, journal.SA, '2024-12-31', [
      d('6411', '55000.00', grant.id),
      c('421', '55000.00'),
    ])
    // Already booked by hand: 10 000 of deferred income and 2 000 of fonds dédiés.
    await post(organisation, journal.OD, '2024-12-31', [
      d('742', '10000.00', grant.id),
      c('487', '10000.00', grant.id),
    ])
    await post(organisation, journal.OD, '2024-12-31', [
      d('6894', '2000.00', grant.id),
      c('194', '2000.00', grant.id),
    ])
    const p = (await positions(organisation, 2024)).positions.find((x) => x.grantId === grant.id)!
    assert.deepEqual(
      {
        recognised: fixed(p.recognised), // 100 000 − 10 000 already deferred
        deferred: fixed(p.deferred), // still 40 000 needed: (90 000 + 10 000) − 60 000
        deferredProposed: fixed(p.proposed.deferred), // 40 000 − 10 000
        newDedicated: fixed(p.newDedicated), // 60 000 − 55 000
        newProposed: fixed(p.proposed.newDedicated), // 5 000 − 2 000
      },
      {
        recognised: '90000.00',
        deferred: '40000.00',
        deferredProposed: '30000.00',
        newDedicated: '5000.00',
        newProposed: '3000.00',
      }
    )
    assert.deepEqual(await propose(organisation, 2024, [grant]), [
      ['194', '0.00', '3000.00', 'PARTIEL'],
      ['487', '0.00', '30000.00', 'PARTIEL'],
      ['6894', '3000.00', '0.00', 'PARTIEL'],
      ['742', '30000.00', '0.00', 'PARTIEL'],
    ])
  })
})

/** One programme, an FSE+ convention on it and a co-funding Region convention. */
async function operation(organisation: Organisation, flatRate = 0) {
  const [programme] = await db
    .table('programmes')
    .insert({
      organisation_id: organisation.id,
      code: 'PIC',
      name: 'PIC jeunes',
      level: 'regional',
    })
    .returning('id')
  const fse = await convention(organisation, {
    reference: 'FSE-24',
    category: 'fse',
    revenueAccount: '746',
    amount: '20000',
    start: '2024-01-01',
    end: '2024-12-31',
    flatRate,
    programmeIds: [programme.id],
    split: [[2024, '20000']],
  })
  const region = await convention(organisation, {
    reference: 'REG-PIC',
    category: 'region',
    revenueAccount: '742',
    amount: '5000',
    start: '2024-01-01',
    end: '2024-12-31',
    programmeIds: [programme.id],
    split: [[2024, '5000']],
  })
  return { programmeId: programme.id as number, fse, region }
}

/** The funder report as a reader with pay detail (staff costs of fewer than 3 people shown). */
async function funderReport(organisation: Organisation, grant: Grant) {
  return asOrg(organisation, () =>
    new FunderReport(
      { ...tenantOf(organisation), roles: ['finance', 'hr'] },
      {
        grantId: grant.id,
        from: '2024-01-01',
        to: '2024-12-31',
      }
    ).build()
  )
}

test.group('Hand-computed | funder report (bilan d’exécution)', (group) => {
  isolated(group)

  test('costs from the ledger under each simplified cost option', async ({ assert }) => {
    const { organisation, journal } = await fresh([2023, 2024])
    const { fse, region } = await operation(organisation)
    await post(organisation, journal.VE, '2024-03-01', [
      d('441', '17000.00'),
      c('746', '12000.00', fse.id),
      c('742', '5000.00', region.id),
    ])
    await post(organisation, journal.SA, '2024-06-30', [
      d('6411', '10000.00', fse.id),
      d('6451', '4000.05', fse.id),
      c('421', '10000.00'),
      c('431', '4000.05'),
    ])
    await post(organisation, journal.AC, '2024-06-30', [
      d('6064', '1000.00', fse.id),
      d('613', '2000.00', fse.id),
      d('6064', '1000.00', region.id),
      c('401', '4000.00'),
    ])
    // Not direct costs of the operation: depreciation, interest, an unattributed purchase, and
    // a cost of 2023 (outside the period).
    await post(organisation, journal.OD, '2024-12-31', [
      d('6811', '500.00', fse.id),
      d('661', '100.00', fse.id),
      d('6064', '700.00'),
      c('401', '1300.00'),
    ])
    await post(organisation, journal.AC, '2023-12-15', [
      d('6064', '300.00', fse.id),
      c('401', '300.00'),
    ])

    // Direct staff costs (DSC) = 6411 10 000 + 6451 4 000.05 = 14 000.05
    // Other direct costs = 6064 1 000 + 613 2 000 (FSE) + 6064 1 000 (co-funder) = 4 000.00
    const expected: Record<number, [string, string, string, string]> = {
      //   [staff shown, other shown, flat, eligible]
      0: ['14000.05', '4000.00', '0.00', '18000.05'], // actual costs: 14 000.05 + 4 000
      // art. 54 a: 7 % × (14 000.05 + 4 000) = 1 260.0035 → 1 260.00
      7: ['14000.05', '4000.00', '1260.00', '19260.05'],
      // art. 54 b: 15 % × 14 000.05 = 2 100.0075 → 2 100.01; 14 000.05 + 4 000 + 2 100.01
      15: ['14000.05', '4000.00', '2100.01', '20100.06'],
      // art. 55.1: DSC = 20 % × 4 000 = 800.00; 4 000 + 800
      20: ['800.00', '4000.00', '800.00', '4800.00'],
      // art. 56: 40 % × 14 000.05 = 5 600.02 covers every other cost; 14 000.05 + 5 600.02
      40: ['14000.05', '0.00', '5600.02', '19600.07'],
    }
    for (const rate of [0, 7, 15, 20, 40]) {
      await asOrg(organisation, () =>
        db.transaction((trx) =>
          saveGrant(
            {
              funderId: fse.funderId,
              reference: fse.reference,
              title: fse.title,
              periodStart: fse.periodStart,
              periodEnd: fse.periodEnd,
              amountAwarded: fse.amountAwarded,
              revenueAccount: '746',
              flatRate: rate,
            },
            trx,
            fse
          )
        )
      )
      const report = await funderReport(organisation, fse)
      assert.deepEqual(
        [
          fixed(report.costs.staff),
          fixed(report.costs.other),
          fixed(report.costs.flat),
          fixed(report.costs.eligible),
        ],
        expected[rate],
        `flat rate ${rate} %`
      )
      assert.equal(report.costs.staffSource, 'ledger')
      assert.equal(fixed(report.costs.actualOther), '4000.00')
    }
    const report = await funderReport(organisation, fse)
    assert.isTrue(report.isFse)
    assert.deepEqual(
      report.resources.map((r) => [r.reference, r.own, fixed(r.amount)]),
      [
        ['FSE-24', true, '12000.00'], // 746
        ['REG-PIC', false, '5000.00'], // 742 of the co-funder on the same programme
      ]
    )
    assert.equal(fixed(report.totalResources), '17000.00')
    // Last option applied is 40 %: 17 000 − 19 600.07
    assert.equal(fixed(report.balance), '-2600.07')
  })

  test('direct staff costs from HR time allocations (art. 55.2 hours) with the 40 % flat rate', async ({
    assert,
  }) => {
    const { organisation, journal } = await fresh([2024])
    const { programmeId, fse } = await operation(organisation, 40)
    // Employer charges: the default setting, 45 % of gross; 1 720 hours a year.
    const people = await asOrg(organisation, () =>
      db.transaction(async (trx) => {
        const a = await createEmployee(
          organisation.id,
          {
            surname: 'Alpha',
            firstNames: 'Anne',
            sex: 'F',
            birthDate: '1980-05-01',
            nationality: 'française',
          },
          trx
        )
        await addContract(
          a.id,
          {
            contractType: 'cdi',
            jobTitle: 'Conseillère',
            partTimeShare: 1,
            startDate: '2020-01-01',
          },
          trx
        )
        const b = await createEmployee(
          organisation.id,
          {
            surname: 'Beta',
            firstNames: 'Bruno',
            sex: 'H',
            birthDate: '1990-05-01',
            nationality: 'française',
          },
          trx
        )
        await addContract(
          b.id,
          {
            contractType: 'cdi',
            jobTitle: 'Conseiller',
            partTimeShare: '0.8',
            startDate: '2021-01-01',
          },
          trx
        )
        return { a, b }
      })
    )
    await asOrg(organisation, async () => {
      await addSalaryEvent(people.a.id, {
        effectiveDate: '2020-01-01',
        kind: 'hire',
        grossAnnualFte: '36000',
      })
      await addSalaryEvent(people.b.id, {
        effectiveDate: '2021-01-01',
        kind: 'hire',
        grossAnnualFte: '30000',
      })
      await setAllocation(organisation.id, people.a.id, programmeId, '2024-01-01', '0.5')
      await setAllocation(organisation.id, people.a.id, programmeId, '2024-02-01', '0.5')
      await setAllocation(organisation.id, people.b.id, programmeId, '2024-01-01', '1')
    })
    // Other direct costs in the ledger: covered by the 40 % flat rate, hence not claimed.
    await post(organisation, journal.AC, '2024-03-01', [
      d('6064', '1000.00', fse.id),
      c('401', '1000.00'),
    ])

    const report = await funderReport(organisation, fse)
    // Anne: 36 000 / 12 × 100 % time × 50 % × 2 months = 3 000 gross
    // Bruno: 30 000 / 12 × 80 % part time × 100 % × 1 month = 2 000 gross
    // DSC = (3 000 + 2 000) × 1.45 = 7 250.00
    // Hours: Anne 1 720 / 12 × 1 × 0.5 × 2 = 143.33…; Bruno 1 720 / 12 × 0.8 × 1 = 114.66…; 258
    assert.equal(report.costs.staffSource, 'hr')
    assert.equal(fixed(report.costs.staff), '7250.00')
    assert.equal(report.costs.hours!.toFixed(2), '258.00')
    assert.equal(fixed(report.costs.flat), '2900.00') // 40 % × 7 250
    assert.equal(fixed(report.costs.other), '0.00')
    assert.equal(fixed(report.costs.actualOther), '1000.00')
    assert.equal(fixed(report.costs.eligible), '10150.00') // 7 250 + 2 900
    // Two people's pay: reserved for a reader without pay detail, with what it comes back from.
    const reserved = await asOrg(organisation, () =>
      new FunderReport(
        { ...tenantOf(organisation), roles: ['finance'] },
        { grantId: fse.id, from: '2024-01-01', to: '2024-12-31' }
      ).build()
    )
    assert.isTrue(reserved.reserved)
    assert.deepEqual(
      [reserved.costs.staff, reserved.costs.flat, reserved.costs.eligible, reserved.balance],
      [null, null, null, null]
    )
    // FSE+ hourly rate (art. 55.2): 36 000 × 1.45 / 1 720 = 30.3488… → 30.35
    const rate = await asOrg(organisation, () =>
      new FseHourlyRate(tenantOf(organisation), {
        employeeId: people.a.id,
        on: '2024-01-31',
      }).build()
    )
    assert.equal(rate!.toFixed(2), '30.35')
  })

  test('activity against the convention’s targets, participants by breakdown', async ({
    assert,
  }) => {
    const { organisation } = await fresh([2024])
    const { programmeId, fse } = await operation(organisation)
    const [indicator] = await db
      .table('indicators')
      .insert({
        organisation_id: organisation.id,
        code: 'ENTREES',
        label: 'Entrées',
        by_programme: true,
      })
      .returning('id')
    await db.table('indicator_values').multiInsert(
      [
        [null, null, '80'],
        ['sexe', 'F', '45'],
        ['sexe', 'H', '35'],
      ].map(([breakdown, modality, value]) => ({
        organisation_id: organisation.id,
        year: 2024,
        indicator_id: indicator.id,
        programme_id: programmeId,
        breakdown,
        modality,
        value,
        source: 'manual',
      }))
    )
    await asOrg(organisation, () =>
      GrantTarget.create({
        grantId: fse.id,
        indicatorCode: 'ENTREES',
        label: 'Jeunes entrés',
        year: 2024,
        target: new Decimal(100),
      } as any)
    )
    const report = await funderReport(organisation, fse)
    assert.deepEqual(
      report.activity.map((a) => [
        a.code,
        fixed(a.target),
        a.achieved && fixed(a.achieved),
        a.rate?.toFixed(2),
      ]),
      [['ENTREES', '100.00', '80.00', '0.80']] // 80 / 100
    )
    assert.deepEqual(
      report.participants.map((p) => [p.breakdown, p.modality, fixed(p.value)]),
      [
        ['sexe', 'F', '45.00'],
        ['sexe', 'H', '35.00'],
      ]
    )
  })
})
