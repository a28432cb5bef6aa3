import { test } from '@japa/runner'
import { layoutTable, regroupingTable } from '#reference/layout_notation'
import { LAYOUT_DEFINITIONS, ANC_CODE, ANNUAL_REPORT_CODE } from '#reference/statement_layouts'
import { PCG_ASSOCIATIONS } from '#reference/pcg_associations'
import { INDICATOR_CATALOGUE } from '#reference/indicator_catalogue'

const layout = (code: string, year: number) =>
  LAYOUT_DEFINITIONS.find(
    (l) =>
      l.code === code &&
      l.kind === 'income_statement' &&
      l.validFromYear <= year &&
      (l.validToYear ?? 9999) >= year
  )!

const line = (code: string, year: number, lineCode: string) =>
  layout(code, year).lines.find((l) => l.code === lineCode)!

test.group('Reference data written as tables', () => {
  test('a layout row reads as code, label, section, form and content', ({ assert }) => {
    assert.deepEqual(
      layoutTable(`
CH | Charges | charges | heading |
C04A | dont impôts | charges | dont | 631 633
P01A1 | dont Socle | produits | dont 3 | 74111
TC | Total | charges | total | = C01 + C02
`),
      [
        { code: 'CH', label: 'Charges', section: 'charges', kind: 'heading' },
        {
          code: 'C04A',
          label: 'dont impôts',
          section: 'charges',
          level: 2,
          ofWhich: true,
          ranges: '631 633',
        },
        {
          code: 'P01A1',
          label: 'dont Socle',
          section: 'produits',
          level: 3,
          ofWhich: true,
          ranges: '74111',
        },
        { code: 'TC', label: 'Total', section: 'charges', kind: 'total', formula: 'C01 + C02' },
      ]
    )
    assert.deepEqual(regroupingTable('F01 | Fonds | | | < F01 F02 -1026'), [
      { code: 'F01', label: 'Fonds', from: ['F01', 'F02'], ranges: '-1026' },
    ])
  })

  test('a row that is not five cells, of an unknown form or regrouping in a layout is refused', ({
    assert,
  }) => {
    assert.throws(() => layoutTable('C01 | Achats | charges | 60'), /illisible/)
    assert.throws(() => layoutTable('C01 | Achats | charges | dont 4 | 60'), /illisible/)
    assert.throws(() => layoutTable('C01 | Achats | charges | | < RC1'), /incomplète/)
  })

  test('the annual income statement takes the ranges of the ANC lines it names', ({ assert }) => {
    for (const [annual, anc] of [
      ['C04', 'RC4'],
      ['C07C', 'RC9'],
      ['C08', 'RCF'],
      ['C09', 'RCE'],
      ['C10', 'RIS'],
      ['P12', 'RP5'],
    ]) {
      for (const year of [2023, 2025]) {
        assert.equal(
          line(ANNUAL_REPORT_CODE, year, annual).ranges,
          line(ANC_CODE, year, anc).ranges,
          `${annual} ~ ${anc} (${year})`
        )
      }
    }
    assert.equal(line(ANNUAL_REPORT_CODE, 2023, 'C04').label, 'Impôts et taxes')
    assert.equal(line(ANNUAL_REPORT_CODE, 2023, 'C08').label, 'Charges financières')
  })

  test('the ANC income statement before 2025 keeps the 79x transfers', ({ assert }) => {
    assert.equal(line(ANC_CODE, 2024, 'RP4').ranges, '781 791')
    assert.equal(line(ANC_CODE, 2025, 'RP4').ranges, '781')
    assert.equal(line(ANC_CODE, 2024, 'RPF').ranges, '76 786 796')
    assert.equal(line(ANC_CODE, 2024, 'RP3A').ranges, '73 74')
    assert.equal(line(ANC_CODE, 2025, 'RP3A').ranges, '73 74 -747')
    assert.equal(line(ANC_CODE, 2024, 'RP2').ranges, line(ANC_CODE, 2025, 'RP2').ranges)
  })

  test('the chart and the indicator catalogue read from their tables', ({ assert }) => {
    assert.deepEqual(
      PCG_ASSOCIATIONS.find((a) => a.number === '747'),
      {
        number: '747',
        label: 'Quote-part des subventions d’investissement virée au résultat',
        validFromYear: 2025,
      }
    )
    assert.deepEqual(
      PCG_ASSOCIATIONS.find((a) => a.number === '791'),
      { number: '791', label: 'Transferts de charges d’exploitation', validToYear: 2024 }
    )
    assert.deepEqual(
      PCG_ASSOCIATIONS.find((a) => a.number === '1068'),
      { number: '1068', label: 'Réserves pour projet de l’entité' }
    )
    assert.deepEqual(
      INDICATOR_CATALOGUE.find((e) => e.code === 'dispositif_chiffre'),
      {
        code: 'dispositif_chiffre',
        label: 'Chiffre de la page du dispositif',
        unit: 'ratio',
        dimensions: ['measure'],
        partial: true,
        byProgramme: true,
      }
    )
    assert.deepEqual(
      INDICATOR_CATALOGUE.find((e) => e.code === 'contacts_jeunes'),
      { code: 'contacts_jeunes', label: 'Contacts jeunes', unit: 'count' }
    )
  })
})
