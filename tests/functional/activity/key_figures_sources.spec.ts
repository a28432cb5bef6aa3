import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, inspecting, isolated, makeUser, tenantOf } from '#tests/helpers'
import { KeyFigures } from '#reports/activity/key_figures'
import BilanSocialReport from '#reports/hr/bilan_social'
import { IncomeStatement } from '#reports/accounting/statements'
import { actingAs } from '#support/request_context'
import { formatMoney, formatNumber } from '#support/french_format'

/**
 * The key figures « salariés » and « budget » of the demo are read from the register and the
 * ledger: they equal what the bilan social and the income statement compute, whatever the typed
 * value of the published report (170 salariés, 10 000 000 €).
 */
test.group(
  'Activity key figures: salariés and budget from the register and the ledger',
  (group) => {
    isolated(group)

    test('on the demo, headcount, FTE and budget equal the HR and accounting reports', async ({
      client,
      assert,
    }) => {
      const organisation = await demoOrganisation()
      const tenant = tenantOf(organisation)
      const [report, bilan, statement] = await actingAs(tenant, () =>
        Promise.all([
          new KeyFigures(tenant, { year: 2023 }).build(),
          new BilanSocialReport(tenant, { year: 2023 }).build(),
          new IncomeStatement(tenant, { year: 2023 }).build(),
        ])
      )
      const card = (pattern: RegExp) => {
        const found = report.cards.find((c) => pattern.test(c.label))
        assert.exists(found, `card ${pattern}`)
        return found!
      }

      // Headcount at 31/12: the bilan social's TOTAL line (same population).
      const total = bilan.headcount.find((r) => r.label === 'TOTAL')!
      const headcount = card(/^Salariés au 31\/12\/2023/)
      assert.equal(headcount.value!.toNumber(), total.current.total)
      assert.isAbove(total.current.total, 0)
      assert.equal(
        headcount.evolution?.toFixed(6) ?? null,
        total.evolution?.toFixed(6) ?? null,
        'evolution from the 31/12/2022 headcount of the bilan social'
      )

      // FTE at 31/12: the working-time shares of the contracts running on 31/12/2023 (replacement
      // CDDs excluded, as in every 31/12 table), summed here straight from the register.
      const [register] = (
        await inspecting(() =>
          db.rawQuery(
            `SELECT count(*)::int AS n, coalesce(sum(part_time_share), 0)::text AS fte
             FROM contracts
            WHERE organisation_id = ? AND superseded_at IS NULL AND contract_type <> 'cdd_remplacement'
              AND start_date <= '2023-12-31' AND (end_date IS NULL OR end_date >= '2023-12-31')`,
            [organisation.id]
          )
        )
      ).rows
      assert.equal(register.n, total.current.total)
      const fte = card(/^Équivalents temps plein au 31\/12\/2023/)
      assert.equal(fte.value!.toFixed(2), Number(register.fte).toFixed(2))
      assert.isBelow(fte.value!.toNumber(), headcount.value!.toNumber() + 0.001)

      // Budget: the « Total des charges » of the 2023 income statement.
      const charges = statement.rows.find((r) => r.code === 'TC')!
      const budget = card(/^Budget : total des charges de l’exercice/)
      assert.equal(budget.label, 'Budget : total des charges de l’exercice 2023 (comptabilité)')
      assert.equal(budget.value!.toFixed(2), charges.current.toFixed(2))
      assert.isTrue(charges.current.greaterThan(0))
      assert.isFalse(report.cards.some((c) => c.label === 'Nombre de salariés'))

      // The page shows the same figures, with their sources in the labels.
      const board = await makeUser(organisation, ['board'])
      const page = await client.get('/activite?annee=2023').actingAs(board)
      page.assertStatus(200)
      const text = page.text()
      assert.include(text, 'Salariés au 31/12/2023 (registre du personnel)')
      assert.include(text, formatNumber(headcount.value!, 0))
      assert.include(text, formatNumber(fte.value!, 2))
      assert.include(text, 'total des charges de l’exercice')
      assert.include(text, formatMoney(budget.value!, { cents: false }))
    }).timeout(600000)
  }
)
