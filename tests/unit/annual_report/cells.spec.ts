import { test } from '@japa/runner'
import { toMoney } from '#support/money'
import { col } from '#support/spreadsheet/columns'
import { cellText, rowTexts } from '#exports/annual_report/cells'
import { generatedPublishedLines } from '#reconciliation/published_generated'
import type { AnnualReportResult, AnnualTable } from '#reports/annual_report/annual_report'

/** French thin spaces read as spaces. */
const spaced = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ')

test.group('Annual report: cells and printed lines', () => {
  test('figures are printed in French: euros to the euro, shares to the unit, a dash when empty', ({
    assert,
  }) => {
    assert.equal(spaced(cellText(col.money('M', 'm'), toMoney('1234567.89'))), '1 234 568 €')
    assert.equal(spaced(cellText(col.integer('N', 'n'), 10296)), '10 296')
    assert.equal(spaced(cellText(col.percent('P', 'p', 0), toMoney('0.117'))), '12 %')
    assert.equal(spaced(cellText(col.percent('P', 'p', 1), toMoney('-0.5'))), '-50,0 %')
    assert.equal(spaced(cellText(col.number('J', 'j', 1), toMoney('650.5'))), '650,5')
    assert.equal(cellText(col.money('M', 'm'), null), '—')
    assert.equal(cellText(col.text('T', 't'), null), '')
  })

  test('a heading row shows only its label; a "dont" row is indented', ({ assert }) => {
    const table: AnnualTable = {
      key: 'compte-de-resultat',
      title: 'Compte de résultat',
      columns: [col.text('Rubrique', 'label'), col.money('2023', 'current')],
      rows: [
        { label: 'Charges', current: toMoney(0) },
        { label: 'dont CEJ', current: toMoney(2562064) },
      ],
      rowClass: ['heading', 'area'],
    }
    assert.deepEqual(rowTexts(table, 0), ['Charges', ''])
    assert.deepEqual(rowTexts(table, 1).map(spaced), ['   dont CEJ', '2 562 064 €'])
  })

  test('the generated report is written under the printed report’s names', ({ assert }) => {
    const report: AnnualReportResult = {
      year: 2023,
      organisationName: 'Test',
      sections: [],
      empty: false,
      tables: [
        {
          key: 'chiffres-cles',
          title: 'Chiffres clés',
          columns: [],
          rows: [
            { label: 'Jeunes accompagnés', value: 10296, evolution: toMoney('0.03') },
            { label: 'Salariés au 31/12/2023 (registre du personnel)', value: 166 },
          ],
          rowClass: [null, null],
        },
        {
          key: 'cout-plan',
          title: 'Coût du plan',
          columns: [],
          rows: [
            { label: 'Coûts annexes', amount: toMoney(10113) },
            { label: 'dont hébergement', key: 'hebergement', amount: toMoney(4815) },
          ],
          rowClass: [null, 'area'],
        },
        {
          key: 'bilan-actif',
          title: 'Bilan actif',
          columns: [],
          rows: [
            { label: 'Actif', key: 'Actif', gross: null },
            { label: 'Disponibilités', key: 'Disponibilités', gross: 918168, current: 918168 },
          ],
          rowClass: ['heading', null],
        },
      ],
    }
    const lines = generatedPublishedLines(report).map((l) => [
      l.domain,
      l.table,
      l.row,
      l.column,
      Number(l.value),
      l.unit,
    ])
    assert.deepEqual(lines, [
      ['activity', 'key_figures', 'jeunes_accompagnes', 'value', 10296, 'count'],
      ['activity', 'key_figures', 'salaries', 'value', 166, 'count'],
      ['activity', 'public', 'jeunes_accompagnes', 'evolution', 3, 'evolution'],
      ['hr', 'training.plan_cost', 'couts_annexes', 'value', 10113, 'eur'],
      ['hr', 'training.plan_cost', 'couts_annexes / hebergement', 'value', 4815, 'eur'],
      ['accounting', 'balance_sheet.actif', 'Disponibilités', 'brut', 918168, 'eur'],
      ['accounting', 'balance_sheet.actif', 'Disponibilités', 'net_2023', 918168, 'eur'],
    ])
  })
})
