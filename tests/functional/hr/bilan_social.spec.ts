import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import { isolated, tenantOf } from '#tests/helpers'
import BilanSocialReport from '#reports/hr/bilan_social'
import { seededHrOrganisation } from './helpers.js'

const pct = (ratio: Decimal | null) =>
  ratio === null ? null : `${ratio.times(100).toFixed(1, Decimal.ROUND_HALF_UP)}%`

test.group('HR | bilan social reproduces the 2023 report', (group) => {
  isolated(group)

  test('every cell of every table', async ({ assert }) => {
    const { organisation, rapport } = await seededHrOrganisation()
    const hr = rapport.hr
    const report = await new BilanSocialReport(tenantOf(organisation), { year: 2023 }).build()

    // headcount by contract with subtotals, N-1 and evolution
    assert.lengthOf(report.headcount, hr.headcount_by_contract.rows.length)
    hr.headcount_by_contract.rows.forEach((expected: any, i: number) => {
      const row = report.headcount[i]
      assert.deepEqual(
        [row.current.F, row.current.H, row.current.total, row.previousTotal, pct(row.evolution)],
        [expected.F, expected.H, expected.total, expected.total_2022, expected.evolution],
        expected.contract
      )
    })

    // average seniority, N and N-1, rounded to one decimal as printed
    for (const [year, side] of [
      ['2023', 'current'],
      ['2022', 'previous'],
    ] as const) {
      for (const key of ['F', 'H', 'total'] as const) {
        assert.equal(
          report.seniority[side][key]!.toFixed(1, Decimal.ROUND_HALF_UP),
          hr.average_seniority_years[year][key].toFixed(1),
          `seniority ${year} ${key}`
        )
      }
    }

    // seniority bands: exact shares that round to the printed percentages
    const printed = hr.seniority_bands_percent
    const bands = [
      printed["moins d'un an"],
      printed['1/3 ans'],
      printed['3/5 ans'],
      printed['5/10 ans'],
      printed['10/15 ans + 15/20 ans'],
      printed['+ de 20 ans'],
    ]
    assert.deepEqual(
      report.seniorityBands.map((b) =>
        Number(b.share.times(100).toFixed(0, Decimal.ROUND_HALF_UP))
      ),
      bands
    )
    assert.equal(
      report.seniorityBands.reduce((a, b) => a + b.count, 0),
      166
    )

    // emploi repère
    const jobs = new Map(report.jobReferences.map((r) => [r.label, r.current]))
    for (const expected of hr.headcount_by_job_reference.rows) {
      assert.deepEqual(
        jobs.get(expected.job),
        { F: expected.F, H: expected.H, total: expected.total },
        expected.job
      )
    }
    assert.equal(report.jobReferences.length, hr.headcount_by_job_reference.rows.length)

    // hires and departures, N and N-1 totals
    hr.hires.rows.forEach((expected: any, i: number) => {
      const row = report.hires[i]
      assert.deepEqual(
        [row.current.F, row.current.H, row.current.total, row.previousTotal],
        [expected.F, expected.H, expected.total, expected.total_2022],
        `hires ${expected.contract}`
      )
    })
    hr.departures.rows.forEach((expected: any, i: number) => {
      const row = report.departures[i]
      assert.equal(row.label, expected.reason)
      assert.deepEqual(
        [row.current.F, row.current.H, row.current.total, row.previousTotal],
        [expected.F, expected.H, expected.total, expected.total_2022],
        `departures ${expected.reason}`
      )
    })

    // R2312-9 extras are consistent with the register
    // The age table breaks down the same 31/12 population as the headcount table (the
    // replacement CDD running on 31/12/2023 is in none of them); the report prints no age table.
    assert.equal(report.ageBands.at(-1)!.current.total, 166)
    assert.equal(report.ageBands.at(-1)!.current.total, report.headcount.at(-1)!.current.total)
    assert.isTrue(report.averageMonthlyHeadcount.greaterThan(150))
    assert.isTrue(report.averageMonthlyHeadcount.lessThan(180))
    assert.isAtLeast(report.under25Hires.total, 0)
    assert.equal(report.byNationality.at(-1)!.current.total, 166)
    assert.isAbove(report.byNationality[1].current.total, 0)
    assert.equal(report.byCategory.at(-1)!.current.total, 166)
    assert.equal(
      report.byCategory.find((r) => r.label === 'Ingénieurs et cadres')!.current.total,
      9
    )
  })
})
