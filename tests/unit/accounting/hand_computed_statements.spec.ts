import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/core/organisation'
import { isolated, makeOrganisation, tenantOf } from '#tests/helpers'
import { asOrg, setupLedger } from '#tests/fixtures/accounting'
import { createDraft, type DraftLineInput } from '#actions/accounting/drafts'
import { validateEntry } from '#actions/accounting/ledger'
import { seedStatementLayouts } from '#actions/accounting/seed_statement_layouts'
import { ensureAccounts } from '#actions/accounting/bulk_entries'
import { BalanceSheet, IncomeStatement, type StatementReport } from '#reports/accounting/statements'

/**
 * Hand-computed statements (issue #11): every figure below is worked out by hand from the
 * entries written in the test, following the ANC 2018-06 line → account mapping of
 * docs/domain.md §1.2 and §1.3, never read from the demo data.
 */

const d = (accountNumber: string, amount: string): DraftLineInput => ({
  accountNumber,
  debit: amount,
})
const c = (accountNumber: string, amount: string): DraftLineInput => ({
  accountNumber,
  credit: amount,
})

/** A fresh organisation with the association chart, journals, layouts and open years. */
async function freshLedger(years: number[], extraAccounts: Record<string, string> = {}) {
  const organisation = await makeOrganisation('Mission Locale calcul à la main')
  const ledger = await setupLedger(organisation, years)
  await asOrg(organisation, () =>
    db.transaction(async (trx) => {
      await seedStatementLayouts(organisation.id, trx)
      if (Object.keys(extraAccounts).length)
        await ensureAccounts(trx, organisation.id, extraAccounts)
    })
  )
  return { organisation, journal: ledger.journal }
}

/** Posts and validates one entry through the ledger's own actions. */
async function post(
  organisation: Organisation,
  journalId: number,
  date: string,
  lines: DraftLineInput[],
  validate = true
) {
  return asOrg(organisation, async () => {
    const draft = await createDraft({ journalId, entryDate: date, label: 'Cas calculé', lines })
    if (validate) await validateEntry(draft.id)
    return draft.id
  })
}

const ANC = 'anc-2018-06'

async function income(organisation: Organisation, year: number, layoutCode = ANC) {
  return new IncomeStatement(tenantOf(organisation), { year, layoutCode }).build()
}

async function bilan(organisation: Organisation, year: number) {
  return new BalanceSheet(tenantOf(organisation), { year, layoutCode: ANC }).build()
}

/** Amount shown on each line (current year), as text with two decimals. */
function shown(report: StatementReport, codes: string[]) {
  const byCode = new Map(report.rows.map((r) => [r.code, r]))
  return Object.fromEntries(
    codes.map((code) => {
      const row = byCode.get(code)
      if (!row) throw new Error(`line ${code} missing from ${report.layout.code}`)
      return [code, row.current.toFixed(2)]
    })
  )
}

/** Actif lines: brut / amortissements et provisions / net. */
function actif(report: StatementReport, codes: string[]) {
  const byCode = new Map(report.rows.map((r) => [r.code, r]))
  return Object.fromEntries(
    codes.map((code) => {
      const row = byCode.get(code)!
      return [
        code,
        [row.gross.toFixed(2), row.depreciation.toFixed(2), row.current.toFixed(2)].join(' / '),
      ]
    })
  )
}

test.group('Hand-computed | compte de résultat ANC 2018-06', (group) => {
  isolated(group)

  test("produits d'exploitation: each family by its account range", async ({ assert }) => {
    const { organisation, journal } = await freshLedger([2024])
    const on = '2024-06-30'
    await post(organisation, journal.VE, on, [d('512', '1200.00'), c('756', '1200.00')])
    await post(organisation, journal.VE, on, [d('411', '3000.00'), c('706', '3000.00')])
    await post(organisation, journal.VE, on, [d('709', '200.00'), c('411', '200.00')])
    await post(organisation, journal.VE, on, [
      d('441', '70000.00'),
      c('741', '50000.00'),
      c('742', '20000.00'),
    ])
    await post(organisation, journal.BQ, on, [d('512', '1000.00'), c('753', '1000.00')])
    await post(organisation, journal.BQ, on, [
      d('512', '2000.00'),
      c('7541', '500.00'),
      c('7542', '1500.00'),
    ])
    await post(organisation, journal.BQ, on, [d('512', '800.00'), c('755', '800.00')])
    await post(organisation, journal.OD, on, [
      d('151', '600.00'),
      c('781', '600.00'),
      d('6411', '400.00'),
      c('791', '400.00'),
    ])
    await post(organisation, journal.OD, on, [d('194', '5000.00'), c('7894', '5000.00')])
    await post(organisation, journal.OD, on, [d('512', '100.00'), c('758', '100.00')])
    // A draft is not in the ledger yet: it must not reach the statement.
    await post(organisation, journal.VE, on, [d('411', '999.00'), c('706', '999.00')], false)

    const report = await income(organisation, 2024)
    assert.deepEqual(
      shown(report, ['RP1', 'RP2', 'RP3A', 'RP3B', 'RP3C', 'RP3D', 'RP3', 'RP4', 'RP5', 'RP6']),
      {
        RP1: '1200.00', // 756 cotisations
        RP2: '2800.00', // 706 3 000 − 709 rabais 200 (the 999 draft is ignored)
        RP3A: '70000.00', // 741 50 000 + 742 20 000
        RP3B: '1000.00', // 753
        RP3C: '2000.00', // 7541 500 + 7542 1 500
        RP3D: '800.00', // 755
        RP3: '73800.00', // 70 000 + 1 000 + 2 000 + 800
        RP4: '1000.00', // 781 600 + 791 transferts de charges 400 (still a produit in 2024)
        RP5: '5000.00', // 7894
        RP6: '100.00', // 758
      }
    )
    // 1 200 + 2 800 + 73 800 + 1 000 + 5 000 + 100 = 83 900; the only charge is 6411 400.
    assert.deepEqual(shown(report, ['RPT', 'RCT', 'RC5', 'R1', 'TP', 'TC', 'RES']), {
      RPT: '83900.00',
      RCT: '400.00',
      RC5: '400.00',
      R1: '83500.00', // 83 900 − 400
      TP: '83900.00',
      TC: '400.00',
      RES: '83500.00',
    })
    assert.equal(report.result.current.toFixed(2), '83500.00')
    assert.deepEqual(report.unmapped, [])
  })

  test("charges d'exploitation: purchases, external charges, aids, taxes, staff, dotations, fonds dédiés", async ({
    assert,
  }) => {
    const { organisation, journal } = await freshLedger([2024])
    const on = '2024-09-30'
    await post(organisation, journal.AC, on, [d('607', '2000.00'), c('401', '2000.00')])
    await post(organisation, journal.OD, on, [d('31', '500.00'), c('603', '500.00')])
    await post(organisation, journal.AC, on, [
      d('6064', '400.00'),
      d('613', '6000.00'),
      d('622', '1200.00'),
      c('401', '7600.00'),
    ])
    await post(organisation, journal.AC, on, [d('401', '100.00'), c('609', '100.00')])
    await post(organisation, journal.BQ, on, [d('657', '900.00'), c('512', '900.00')])
    await post(organisation, journal.OD, on, [
      d('6311', '2500.00'),
      d('6333', '300.00'),
      c('447', '2800.00'),
    ])
    await post(organisation, journal.SA, on, [
      d('6411', '40000.00'),
      d('6414', '1000.00'),
      d('6451', '12000.00'),
      d('647', '500.00'),
      c('421', '41000.00'),
      c('431', '12500.00'),
    ])
    await post(organisation, journal.OD, on, [
      d('6811', '3000.00'),
      c('281', '3000.00'),
      d('6817', '200.00'),
      c('491', '200.00'),
      d('6815', '1500.00'),
      c('151', '1500.00'),
      d('6894', '4000.00'),
      c('194', '4000.00'),
    ])
    await post(organisation, journal.BQ, on, [
      d('651', '100.00'),
      d('658', '50.00'),
      c('512', '150.00'),
    ])

    const report = await income(organisation, 2024)
    assert.deepEqual(
      shown(report, ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9', 'RC10', 'RCT']),
      {
        RC1: '1500.00', // 607 2 000 − 603 stock increase 500
        RC2: '7500.00', // 6064 400 + 613 6 000 + 622 1 200 − 609 rabais obtenus 100
        RC3: '900.00', // 657 aides financières
        RC4: '2800.00', // 6311 2 500 + 6333 300
        RC5: '41000.00', // 6411 40 000 + 6414 1 000
        RC6: '12500.00', // 6451 12 000 + 647 500
        RC7: '3200.00', // 6811 3 000 + 6817 200
        RC8: '1500.00', // 6815
        RC9: '4000.00', // 6894
        RC10: '150.00', // 651 100 + 658 50 (657 is not an "autre charge")
        // 1 500 + 7 500 + 900 + 2 800 + 41 000 + 12 500 + 3 200 + 1 500 + 4 000 + 150
        RCT: '75050.00',
      }
    )
    assert.deepEqual(shown(report, ['RPT', 'R1', 'TC', 'RES']), {
      RPT: '0.00',
      R1: '-75050.00', // 0 − 75 050
      TC: '75050.00',
      RES: '-75050.00',
    })
  })

  test('résultat financier, exceptionnel, impôt and the totals', async ({ assert }) => {
    const { organisation, journal } = await freshLedger([2024])
    const on = '2024-11-15'
    await post(organisation, journal.VE, on, [d('441', '1000.00'), c('741', '1000.00')])
    await post(organisation, journal.AC, on, [d('6064', '200.00'), c('401', '200.00')])
    await post(organisation, journal.BQ, on, [
      d('512', '400.00'),
      c('768', '300.00'),
      c('786', '100.00'),
    ])
    await post(organisation, journal.BQ, on, [
      d('661', '250.00'),
      d('686', '50.00'),
      c('512', '300.00'),
    ])
    await post(organisation, journal.OD, on, [
      d('512', '3000.00'),
      c('771', '1000.00'),
      c('775', '2000.00'),
    ])
    await post(organisation, journal.OD, on, [d('139', '700.00'), c('777', '700.00')])
    await post(organisation, journal.OD, on, [
      d('671', '400.00'),
      d('675', '1800.00'),
      d('687', '100.00'),
      c('512', '2300.00'),
    ])
    await post(organisation, journal.OD, on, [d('695', '60.00'), c('447', '60.00')])

    const report = await income(organisation, 2024)
    assert.deepEqual(
      shown(report, ['R1', 'RPF', 'RCF', 'R2', 'R3', 'RPE', 'RCE', 'R4', 'RIS', 'TP', 'TC', 'RES']),
      {
        R1: '800.00', // 741 1 000 − 6064 200
        RPF: '400.00', // 768 300 + 786 100
        RCF: '300.00', // 661 250 + 686 50
        R2: '100.00', // 400 − 300
        R3: '900.00', // 800 + 100
        RPE: '3700.00', // 771 1 000 + 775 2 000 + 777 700 (quote-part, exceptionnel until 2024)
        RCE: '2300.00', // 671 400 + 675 1 800 + 687 100
        R4: '1400.00', // 3 700 − 2 300
        RIS: '60.00', // 695
        TP: '5100.00', // 1 000 + 400 + 3 700
        TC: '2860.00', // 200 + 300 + 2 300 + 60
        RES: '2240.00', // 5 100 − 2 860 = R3 900 + R4 1 400 − impôt 60
      }
    )
    assert.equal(report.result.current.toFixed(2), '2240.00')
  })

  test('contributions volontaires en nature stay below the result', async ({ assert }) => {
    const { organisation, journal } = await freshLedger([2024])
    const on = '2024-12-31'
    await post(organisation, journal.VE, on, [d('441', '1000.00'), c('741', '1000.00')])
    await post(organisation, journal.OD, on, [
      d('864', '12000.00'),
      c('875', '12000.00'),
      d('860', '500.00'),
      c('870', '500.00'),
    ])

    const report = await income(organisation, 2024)
    assert.deepEqual(shown(report, ['CVNP', 'CVNC', 'TP', 'TC', 'RES']), {
      CVNP: '12500.00', // 875 bénévolat 12 000 + 870 dons en nature 500
      CVNC: '12500.00', // 864 12 000 + 860 500
      TP: '1000.00', // 741 only: class 8 is not a produit
      TC: '0.00',
      RES: '1000.00',
    })
    assert.deepEqual(report.unmapped, [])
    // On the bilan the 86/87 pair nets to zero: the result is still 1 000.
    const sheet = await bilan(organisation, 2024)
    assert.deepEqual(shown(sheet, ['F06', 'AT', 'FT']), {
      F06: '1000.00',
      AT: '1000.00', // 441
      FT: '1000.00',
    })
  })

  test('2025 version (ANC 2022-06): 747 in autres produits, no 791; N-1 through the 2025 layout', async ({
    assert,
  }) => {
    const { organisation, journal } = await freshLedger([2024, 2025])
    await post(organisation, journal.OD, '2024-12-31', [d('139', '700.00'), c('777', '700.00')])
    await post(organisation, journal.OD, '2024-12-31', [d('6411', '400.00'), c('791', '400.00')])
    await post(organisation, journal.VE, '2025-03-31', [d('441', '1000.00'), c('741', '1000.00')])
    await post(organisation, journal.OD, '2025-12-31', [d('139', '700.00'), c('747', '700.00')])
    await post(organisation, journal.OD, '2025-12-31', [d('151', '300.00'), c('781', '300.00')])

    const report = await income(organisation, 2025)
    const rows = new Map(report.rows.map((r) => [r.code, r]))
    assert.deepEqual(shown(report, ['RP3A', 'RP4', 'RP6', 'RPE', 'RPT']), {
      RP3A: '1000.00', // 741; 747 is taken out of the subsidies line (73 74 −747)
      RP4: '300.00', // 781 only from 2025
      RP6: '700.00', // 747 quote-part des subventions d'investissement
      RPE: '0.00',
      RPT: '2000.00', // 1 000 + 300 + 700
    })
    // N-1 (2024) read through the 2025 layout: 777 is still exceptionnel, 791 is in no line.
    assert.equal(rows.get('RPE')!.previous.toFixed(2), '700.00')
    assert.equal(rows.get('RP4')!.previous.toFixed(2), '0.00')
    assert.equal(rows.get('RC5')!.previous.toFixed(2), '400.00') // 6411
    const y2024 = await income(organisation, 2024)
    assert.deepEqual(shown(y2024, ['RP4', 'RPE', 'RES']), {
      RP4: '400.00', // 791 transferts de charges, 2024 layout
      RPE: '700.00', // 777
      RES: '700.00', // 400 + 700 − 6411 400
    })
    // Whatever line the 2024 transfert de charges is shown on, the N-1 column must still add up
    // to the 2024 result: 777 700 + 791 400 − 6411 400 = 700.
    assert.equal(report.result.previous.toFixed(2), '700.00')
    assert.equal(rows.get('RES')!.previous.toFixed(2), '700.00')
  })

  test("annual-report layout: produits by funder family and the 'dont' lines", async ({
    assert,
  }) => {
    const { organisation, journal } = await freshLedger([2023], {
      '7411': 'DREETS',
      '74111': 'Socle + OBF',
      '74112': 'CEJ',
      '7412': 'Pôle Emploi',
      '7413': 'PIC',
      '7414': 'Contrat de Ville',
      '7418': 'Autres État',
      '7441': 'Rennes Métropole',
      '7442': 'Autre EPCI',
      '7461': 'FSE',
      '7462': 'FEDER',
      '7481': 'Contrats aidés',
    })
    const on = '2023-06-30'
    await post(organisation, journal.VE, on, [
      d('441', '34500.00'),
      c('74111', '10000.00'),
      c('74112', '5000.00'),
      c('7412', '3000.00'),
      c('7413', '2000.00'),
      c('7414', '1000.00'),
      c('7418', '500.00'),
      c('7461', '4000.00'),
      c('7462', '1000.00'),
      c('742', '3000.00'),
      c('743', '2000.00'),
      c('7441', '1500.00'),
      c('7442', '500.00'),
      c('7481', '1000.00'),
    ])
    await post(organisation, journal.VE, on, [
      d('411', '1000.00'),
      c('706', '600.00'),
      c('745', '400.00'),
    ])
    await post(organisation, journal.AC, on, [
      d('6311', '200.00'),
      d('6333', '50.00'),
      d('635', '30.00'),
      c('447', '280.00'),
    ])

    const report = await income(organisation, 2023, 'rapport-annuel')
    assert.deepEqual(
      shown(report, [
        'P01A',
        'P01A1',
        'P01A2',
        'P01B',
        'P01C',
        'P01D',
        'P01E',
        'P01',
        'P02',
        'P03',
        'P04A',
        'P04B',
        'P04C',
        'P04D',
        'P04',
        'P05',
        'P06',
        'P07',
        'TP',
      ]),
      {
        P01A: '15000.00', // 7411 = 74111 10 000 + 74112 5 000
        P01A1: '10000.00', // 74111
        P01A2: '5000.00', // 74112
        P01B: '3000.00', // 7412
        P01C: '2000.00', // 7413
        P01D: '1000.00', // 7414
        P01E: '500.00', // 7418 (741 outside 7411–7414)
        P01: '21500.00', // 15 000 + 3 000 + 2 000 + 1 000 + 500
        P02: '4000.00', // 7461
        P03: '1000.00', // 7462
        P04A: '3000.00', // 742
        P04B: '2000.00', // 743
        P04C: '1500.00', // 7441
        P04D: '500.00', // 7442
        P04: '7000.00', // 3 000 + 2 000 + 1 500 + 500
        P05: '1000.00', // 7481
        P06: '34500.00', // 21 500 + 4 000 + 1 000 + 7 000 + 1 000
        P07: '1000.00', // 706 600 + 745 400 (74 outside the funder families)
        TP: '35500.00', // 34 500 + 1 000
      }
    )
    assert.deepEqual(shown(report, ['C04', 'C04A', 'TC', 'EXC', 'DEF', 'RES', 'TCR']), {
      C04: '280.00', // 6311 200 + 6333 50 + 635 30
      C04A: '250.00', // dont sur masse salariale: 631 + 633 = 200 + 50
      TC: '280.00', // the 'dont' line is not added twice
      EXC: '35220.00', // 35 500 − 280
      DEF: '0.00',
      RES: '35220.00',
      TCR: '35500.00', // TC 280 + EXC 35 220 = TP
    })
  })
})

test.group('Hand-computed | bilan ANC 2018-06', (group) => {
  isolated(group)

  test('actif immobilisé: brut, amortissements, net; N-1 net', async ({ assert }) => {
    const { organisation, journal } = await freshLedger([2023, 2024])
    // 2023: funds, purchases, one year of depreciation.
    await post(organisation, journal.AN, '2023-01-01', [d('512', '30000.00'), c('102', '30000.00')])
    await post(organisation, journal.BQ, '2023-02-01', [
      d('205', '3000.00'),
      d('2183', '10000.00'),
      d('2184', '5000.00'),
      d('275', '800.00'),
      c('512', '18800.00'),
    ])
    await post(organisation, journal.OD, '2023-12-31', [
      d('6811', '7200.00'),
      c('280', '1200.00'),
      c('281', '6000.00'),
    ])
    // 2024: à-nouveaux of 2023 (result −7 200 carried to 119), then a second year's depreciation.
    await post(organisation, journal.AN, '2024-01-01', [
      d('205', '3000.00'),
      d('2183', '10000.00'),
      d('2184', '5000.00'),
      d('275', '800.00'),
      d('512', '11200.00'),
      d('119', '7200.00'),
      c('280', '1200.00'),
      c('281', '6000.00'),
      c('102', '30000.00'),
    ])
    await post(organisation, journal.OD, '2024-12-31', [
      d('6811', '7200.00'),
      c('280', '1200.00'),
      c('281', '6000.00'),
    ])

    const report = await bilan(organisation, 2024)
    assert.deepEqual(actif(report, ['A01', 'A02', 'A04', 'AT1', 'A09', 'AT']), {
      A01: '3000.00 / 2400.00 / 600.00', // 205; 280 1 200 + 1 200; 3 000 − 2 400
      A02: '15000.00 / 12000.00 / 3000.00', // 2183 10 000 + 2184 5 000; 281 6 000 × 2
      A04: '800.00 / 0.00 / 800.00', // 275 dépôt de garantie
      AT1: '18800.00 / 14400.00 / 4400.00', // 600 + 3 000 + 800
      A09: '11200.00 / 0.00 / 11200.00', // 512: 30 000 − 18 800
      AT: '30000.00 / 14400.00 / 15600.00', // 4 400 + 11 200
    })
    const rows = new Map(report.rows.map((r) => [r.code, r]))
    // N-1 net: 2023 after one year of depreciation.
    assert.equal(rows.get('A01')!.previous.toFixed(2), '1800.00') // 3 000 − 1 200
    assert.equal(rows.get('A02')!.previous.toFixed(2), '9000.00') // 15 000 − 6 000
    assert.equal(rows.get('AT')!.previous.toFixed(2), '22800.00') // 1 800 + 9 000 + 800 + 11 200
    assert.deepEqual(shown(report, ['F01', 'F05', 'F06', 'FT']), {
      F01: '30000.00', // 102
      F05: '-7200.00', // 119 report à nouveau débiteur
      F06: '-7200.00', // 2024 déficit: 6811
      FT: '15600.00', // 30 000 − 7 200 − 7 200
    })
    assert.equal(rows.get('FT')!.previous.toFixed(2), '22800.00') // 30 000 − 7 200
    assert.isTrue(BalanceSheet.totals(report).balanced)
  })

  test('passif: fonds propres, subventions d’investissement, fonds dédiés, provisions', async ({
    assert,
  }) => {
    const { organisation, journal } = await freshLedger([2024])
    await post(organisation, journal.AN, '2024-01-01', [
      d('512', '10000.00'),
      c('102', '3000.00'),
      c('1031', '1000.00'),
      c('1068', '1500.00'),
      c('110', '500.00'),
      c('131', '2000.00'),
      c('194', '1500.00'),
      c('151', '500.00'),
    ])
    // In the year: 194 used 1 000 (7894), new fonds dédiés 2 000 (6894), provision 700 (6815).
    await post(organisation, journal.OD, '2024-12-31', [d('194', '1000.00'), c('7894', '1000.00')])
    await post(organisation, journal.OD, '2024-12-31', [d('6894', '2000.00'), c('194', '2000.00')])
    await post(organisation, journal.OD, '2024-12-31', [d('6815', '700.00'), c('151', '700.00')])

    const report = await bilan(organisation, 2024)
    assert.deepEqual(
      shown(report, [
        'F01',
        'F02',
        'F04',
        'F05',
        'F06',
        'FSN',
        'F07',
        'FT1',
        'F09',
        'FT2',
        'F10',
        'FT3',
        'FT4',
        'FT',
        'AT',
      ]),
      {
        F01: '3000.00', // 102
        F02: '1000.00', // 1031 avec droit de reprise
        F04: '1500.00', // 1068
        F05: '500.00', // 110
        F06: '-1700.00', // 7894 1 000 − 6894 2 000 − 6815 700
        FSN: '4300.00', // 3 000 + 1 000 + 1 500 + 500 − 1 700
        F07: '2000.00', // 131
        FT1: '6300.00', // 4 300 + 2 000
        F09: '2500.00', // 194: 1 500 − 1 000 + 2 000
        FT2: '2500.00',
        F10: '1200.00', // 151: 500 + 700
        FT3: '1200.00',
        FT4: '0.00',
        FT: '10000.00', // 6 300 + 2 500 + 1 200
        AT: '10000.00', // 512
      }
    )
  })

  test('4xx and 51x on the side their balance decides; charges and produits constatés d’avance', async ({
    assert,
  }) => {
    const { organisation, journal } = await freshLedger([2024])
    const on = '2024-12-31'
    await post(organisation, journal.AN, '2024-01-01', [d('512', '5000.00'), c('102', '5000.00')])
    await post(organisation, journal.VE, on, [d('411', '1000.00'), c('706', '1000.00')])
    await post(organisation, journal.VE, on, [d('441', '20000.00'), c('741', '20000.00')])
    await post(organisation, journal.AC, on, [d('6064', '2400.00'), c('401', '2400.00')])
    await post(organisation, journal.BQ, on, [d('409', '300.00'), c('512', '300.00')])
    await post(organisation, journal.SA, on, [
      d('6411', '3000.00'),
      d('6451', '1200.00'),
      c('421', '3000.00'),
      c('431', '1200.00'),
    ])
    await post(organisation, journal.BQ, on, [d('512', '500.00'), c('467', '500.00')])
    await post(organisation, journal.BQ, on, [d('613', '6000.00'), c('512', '6000.00')])
    await post(organisation, journal.CA, on, [d('531', '150.00'), c('7541', '150.00')])
    await post(organisation, journal.OD, on, [d('486', '1500.00'), c('613', '1500.00')])
    await post(organisation, journal.OD, on, [d('741', '8000.00'), c('487', '8000.00')])
    await post(organisation, journal.OD, on, [d('2183', '4000.00'), c('164', '4000.00')])

    const report = await bilan(organisation, 2024)
    assert.deepEqual(actif(report, ['A02', 'A06', 'A07', 'A09', 'A10', 'AT2', 'AT']), {
      A02: '4000.00 / 0.00 / 4000.00', // 2183
      A06: '1000.00 / 0.00 / 1000.00', // 411 débiteur
      A07: '20300.00 / 0.00 / 20300.00', // 409 avance fournisseur 300 + 441 20 000
      A09: '150.00 / 0.00 / 150.00', // 531; 512 is overdrawn, so not here
      A10: '1500.00 / 0.00 / 1500.00', // 486
      AT2: '22950.00 / 0.00 / 22950.00', // 1 000 + 20 300 + 150 + 1 500
      AT: '26950.00 / 0.00 / 26950.00', // 4 000 + 22 950
    })
    // Result: produits 706 1 000 + 741 (20 000 − 8 000) + 7541 150 = 13 150;
    // charges 6064 2 400 + 6411 3 000 + 6451 1 200 + 613 (6 000 − 1 500) = 11 100.
    assert.deepEqual(
      shown(report, ['F01', 'F06', 'FT1', 'F11', 'F12', 'F13', 'F14', 'F15', 'FT4', 'FT']),
      {
        F01: '5000.00', // 102
        F06: '2050.00', // 13 150 − 11 100
        FT1: '7050.00', // 5 000 + 2 050
        F11: '4800.00', // 164 4 000 + 512 overdraft 800 (5 000 − 300 + 500 − 6 000 = −800)
        F12: '2400.00', // 401 créditeur
        F13: '4200.00', // 421 3 000 + 431 1 200
        F14: '500.00', // 467 créditeur
        F15: '8000.00', // 487
        FT4: '19900.00', // 4 800 + 2 400 + 4 200 + 500 + 8 000
        FT: '26950.00', // 7 050 + 19 900
      }
    )
    assert.isTrue(BalanceSheet.totals(report).balanced)
    assert.deepEqual(report.unmapped, [])
  })

  test('the same account changes side with the sign of its balance (N against N-1)', async ({
    assert,
  }) => {
    const { organisation, journal } = await freshLedger([2023, 2024])
    // 2023: bank in credit 2 000, a supplier paid in advance (401 débiteur 300).
    await post(organisation, journal.AN, '2023-01-01', [d('512', '2000.00'), c('102', '2000.00')])
    await post(organisation, journal.BQ, '2023-05-01', [d('401', '300.00'), c('512', '300.00')])
    // 2024: à-nouveaux, then the invoice (2 000) turns 401 créditeur and a payment overdraws 512.
    await post(organisation, journal.AN, '2024-01-01', [
      d('512', '1700.00'),
      d('401', '300.00'),
      c('102', '2000.00'),
    ])
    await post(organisation, journal.AC, '2024-03-01', [d('6064', '2000.00'), c('401', '2000.00')])
    await post(organisation, journal.BQ, '2024-04-01', [d('613', '2500.00'), c('512', '2500.00')])

    const report = await bilan(organisation, 2024)
    const rows = new Map(report.rows.map((r) => [r.code, r]))
    const both = (code: string) => [
      rows.get(code)!.current.toFixed(2),
      rows.get(code)!.previous.toFixed(2),
    ]
    assert.deepEqual(both('A07'), ['0.00', '300.00']) // 401: −1 700 in 2024, +300 débiteur in 2023
    assert.deepEqual(both('F12'), ['1700.00', '0.00']) // 300 − 2 000 = −1 700 créditeur
    assert.deepEqual(both('A09'), ['0.00', '1700.00']) // 512: 2 000 − 300 in 2023
    assert.deepEqual(both('F11'), ['800.00', '0.00']) // 1 700 − 2 500 = −800
    assert.deepEqual(both('F06'), ['-4500.00', '0.00']) // −(2 000 + 2 500)
    // 2024: 102 2 000 − 4 500 + 800 + 1 700 = 0 (nothing left on the actif); 2023: 102 2 000.
    assert.deepEqual(both('FT'), ['0.00', '2000.00'])
    assert.deepEqual(both('AT'), ['0.00', '2000.00']) // 2023: 401 300 + 512 1 700
  })
})
