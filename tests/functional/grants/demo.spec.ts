import { test } from '@japa/runner'
import { tenantOf } from '#tests/functional/grants/fixtures'
import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { loadRapport2023 } from '#database/seeders/demo'
import { DEMO_FUNDERS, referenceLine } from '#database/seeders/grants'
import { FunderTree } from '#reports/grants/funder_tree'
import { YearEndPositions } from '#reports/grants/year_end'
import { demoOrganisation, isolated, makeUser, asOrganisation } from '#tests/helpers'

/** The report prints whole euros. */
const euros = (value: Decimal) => value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()

test.group('Grants: the demo reproduces the reference', (group) => {
  isolated(group)

  test('revenue recognised per funder line (from the ledger) and the 2024 splits equal the produits of the report; year-end positions equal the balance sheet', async ({
    assert,
    client,
  }) => {
    const organisation = await demoOrganisation()
    const rapport = await loadRapport2023()

    const tree = await new FunderTree(tenantOf(organisation), { year: 2023 }).build()
    const names = new Map(tree.nodes.map((n) => [n.name, n]))
    for (const funder of DEMO_FUNDERS) {
      const node = names.get(funder.name)!
      assert.equal(
        euros(node.recognised),
        referenceLine(rapport, funder.line, '2023'),
        `${funder.line.join(' > ')} 2023`
      )
      assert.equal(
        euros(node.nextYear),
        referenceLine(rapport, funder.line, '2024_budget') ?? 0,
        `${funder.line.join(' > ')} 2024`
      )
    }
    const publicFunds = rapport.accounts.income_statement.produits.find(
      (p: any) => p.label === 'TOTAL FONDS PUBLICS'
    )
    const total = tree.nodes
      .filter((n) => n.depth === 0)
      .reduce((sum, n) => sum.plus(n.recognised), new Decimal(0))
    assert.equal(euros(total), publicFunds['2023'])

    const report = await new YearEndPositions(tenantOf(organisation), { year: 2023 }).build()
    const passif = rapport.accounts.balance_sheet.passif
    const fondsDedies = passif.provisions_et_fonds_dedies.find(
      (p: any) => p.label === 'Fonds dédiés'
    )
    const charges = rapport.accounts.income_statement.charges.find(
      (c: any) => c.label === 'Dotations aux amortissements et provisions'
    )
    const produits = rapport.accounts.income_statement.produits
    assert.equal(euros(report.totals.openingDedicated), fondsDedies['2022'])
    assert.equal(euros(report.totals.closingDedicated), fondsDedies['2023'])
    assert.equal(
      euros(report.totals.newDedicated),
      charges.of_which.find((c: any) => c.label.startsWith('Engagements'))['2023']
    )
    assert.equal(
      euros(report.totals.usedDedicated),
      produits.find((p: any) => p.label === 'Reprise sur fonds dédiés')['2023']
    )
    assert.equal(euros(report.totals.deferred), passif.produits_constates_d_avance['2023'])
    // The reclassification the printed figures need (FSE funding received in advance) is shown, not hidden.
    assert.equal(
      euros(report.totals.otherDedicated),
      fondsDedies['2023'] - fondsDedies['2022'] - 87094 + 168539
    )
    assert.isTrue(
      report.ledger.dedicatedUnassigned.isZero(),
      'every 194 euro belongs to a convention'
    )
    assert.isTrue(
      report.ledger.deferredUnassigned.isZero(),
      'every 487 euro belongs to a convention'
    )
    assert.equal(
      report.ledger.dedicatedClosing.toFixed(2),
      report.totals.closingDedicated.toFixed(2)
    )
    for (const p of report.positions) {
      assert.isTrue(
        p.proposed.newDedicated.isZero() &&
          p.proposed.usedDedicated.isZero() &&
          p.proposed.deferred.isZero(),
        `${p.reference}: nothing left to propose`
      )
    }

    // The proposal action adds nothing on a ledger that already holds the positions.
    const finance = await makeUser(organisation, ['finance'])
    const before = await db
      .from('entries')
      .where('organisation_id', organisation.id)
      .count('* as n')
      .first()
    const [{ id: fy }] = await db
      .from('fiscal_years')
      .where('organisation_id', organisation.id)
      .whereRaw('extract(year FROM end_date) = 2023')
      .select('id')
    const open = await db.from('fiscal_years').where('id', fy).first()
    if (open.status === 'open') {
      await client
        .post('/financements/fin-exercice/propositions')
        .actingAs(finance)
        .withCsrfToken()
        .redirects(0)
        .form({ annee: '2023' })
      const after = await db
        .from('entries')
        .where('organisation_id', organisation.id)
        .count('* as n')
        .first()
      assert.equal(after.n, before.n)
    }
    for (const path of [
      '/financements',
      '/financements/financeurs?annee=2023',
      '/financements/conventions',
      '/financements/fin-exercice?annee=2023',
      '/financements/versements?date=2023-12-31',
    ]) {
      const response = await client.get(path).actingAs(finance)
      assert.equal(response.status(), 200, path)
    }

    // Receivables: for a convention notified once, what is owed equals its 441 lines.
    const { Receivables } = await import('#reports/grants/receivables')
    const receivables = await new Receivables(tenantOf(organisation), {
      date: '2023-12-31',
    }).build()
    const single = receivables.rows.filter((r) => !r.reference.endsWith('-1'))
    assert.isAbove(single.length, 20)
    for (const row of single)
      assert.equal(row.receivable.toFixed(2), row.ledger441.toFixed(2), row.reference)
    assert.equal(
      receivables.difference.toFixed(2),
      receivables.timing.minus(receivables.unattributed441).toFixed(2)
    )
    const unmatched = await db
      .from('grant_receipts')
      .where('organisation_id', organisation.id)
      .whereNull('entry_line_id')
      .count('* as n')
      .first()
    assert.equal(Number(unmatched.n), 0)

    // Bilan d'exécution of the FSE Emploi programme: costs, resources and activity.
    const fse = await db
      .from('grants as g')
      .join('grant_programmes as gp', 'gp.grant_id', 'g.id')
      .join('programmes as p', 'p.id', 'gp.programme_id')
      .join('funders as f', 'f.id', 'g.funder_id')
      .where('g.organisation_id', organisation.id)
      .where('p.code', 'FSE_EMPLOI')
      .where('f.category', 'fse')
      .select('g.id')
      .first()
    const bilan = await client
      .get(`/financements/conventions/${fse.id}/bilan?du=2023-01-01&au=2023-12-31`)
      .actingAs(finance)
    bilan.assertStatus(200)
    const page = await client.get(`/financements/conventions/${fse.id}`).actingAs(finance)
    page.assertStatus(200)
    const { FunderReport } = await import('#reports/grants/funder_report')
    const report2 = await asOrganisation(organisation, () =>
      new FunderReport(
        { ...tenantOf(organisation), roles: ['finance', 'hr'] },
        {
          grantId: fse.id,
          from: '2023-01-01',
          to: '2023-12-31',
        }
      ).build()
    )
    // Read with payroll detail: the figures are shown, whatever the number of people.
    const { staff, flat, eligible } = report2.costs
    assert.isTrue(staff!.gt(0), 'direct staff costs')
    assert.equal(flat!.toFixed(2), staff!.times('0.4').toDecimalPlaces(2).toFixed(2))
    assert.equal(eligible!.toFixed(2), staff!.plus(flat!).toFixed(2))
    assert.isAbove(report2.resources.length, 1, 'the grant and its co-funders')
    assert.isTrue(report2.resources[0].own && report2.resources[0].amount.gt(0))
    const target = report2.activity.find((a) => a.code === 'beneficiaires_dispositif')!
    assert.equal(target.target.toNumber(), 550)
    const programmes = rapport.activity.programmes.rows
    assert.equal(
      target.achieved!.toNumber(),
      programmes.find((p: any) => p.name.startsWith('FSE Emploi')).beneficiaries
    )
    assert.include(bilan.text(), 'Jeunes accompagnés sur le dispositif')
    const print = await client
      .get(`/financements/conventions/${fse.id}/bilan/impression?du=2023-01-01&au=2023-12-31`)
      .actingAs(finance)
    print.assertStatus(200)
    const xlsx = await client
      .get(`/financements/conventions/${fse.id}/bilan.xlsx?du=2023-01-01&au=2023-12-31`)
      .actingAs(finance)
    xlsx.assertStatus(200)
  }).timeout(120000)
})
