import { test } from '@japa/runner'
import { type Decimal } from 'decimal.js'
import { isolated, tenantOf } from '#tests/helpers'
import TrainingReportBuilder from '#reports/hr/training'
import { seededHrOrganisation } from './helpers.js'

const n = (d: Decimal | null) => (d === null ? null : d.toNumber())

test.group('HR | training tables reproduce the 2023 report', (group) => {
  isolated(group)

  test('days, trainees by age, plan cost and refunds', async ({ assert }) => {
    const { organisation, rapport } = await seededHrOrganisation()
    const t = rapport.hr.training
    const report = await new TrainingReportBuilder(tenantOf(organisation), { year: 2023 }).build()

    t.days_by_contract.forEach((e: any, i: number) => {
      const r = report.daysByContract[i]
      assert.deepEqual(
        [r.label, n(r.F), n(r.H), n(r.total), n(r.previousTotal)],
        [e.contract, e.F, e.H, e.total, e.total_2022]
      )
    })
    const jobs = new Map(report.daysByJob.map((r) => [r.label, [n(r.F), n(r.H), n(r.total)]]))
    for (const e of t.days_by_job_reference)
      assert.deepEqual(jobs.get(e.job), [e.F, e.H, e.total], e.job)
    assert.equal(report.daysByJob.length, t.days_by_job_reference.length)
    t.employees_trained_by_age.forEach((e: any, i: number) => {
      const r = report.trainedByAge[i]
      assert.deepEqual(
        [r.F, r.H, r.total, r.previousTotal],
        [e.F, e.H, e.total, e.total_2022],
        e.age
      )
    })

    // Plan cost: each printed line is reproduced; the printed "coûts annexes" (9 912) is not the
    // sum of its own detail (1 984 + 4 815 + 3 314 = 10 113): the app shows the true sums.
    const c = t.plan_cost_2023
    const amount = (kind: string) => report.costs.find((x) => x.kind === kind)!.amount.toNumber()
    assert.equal(amount('pedagogique'), c.couts_pedagogiques)
    assert.equal(amount('transport'), c.couts_annexes_detail.transport)
    assert.equal(amount('hebergement'), c.couts_annexes_detail.hebergement)
    assert.equal(amount('repas'), c.couts_annexes_detail.repas)
    assert.equal(amount('salaire'), c.couts_salariaux)
    assert.equal(report.costGroups.annexes.toNumber(), 10113)
    assert.equal(report.costGroups.annexes.toNumber() - c.couts_annexes, 201)
    assert.equal(report.costGroups.total.toNumber(), 168180)
    assert.equal(report.costGroups.total.toNumber() - c.total, 201)

    for (const e of t.opco_refunds_2023.rows) {
      assert.equal(
        report.refunds.find((r) => r.label === e.mode)!.received.toNumber(),
        e.amount,
        e.mode
      )
    }
    assert.equal(report.refundsTotal.toNumber(), t.opco_refunds_2023.total)
  })
})
