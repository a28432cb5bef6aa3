import { test } from '@japa/runner'
import { toMoney } from '#support/money'
import { lineTakesAccount, type LayoutLine } from '#reports/accounting/statement_engine'
import {
  parseFormula,
  parseRanges,
  regroupLayout,
  sectionSign,
  unionOfRanges,
  type LineDefinition,
} from '#reference/layout_notation'
import {
  ANC_CODE,
  ANNUAL_BALANCE_REGROUPING,
  ANNUAL_REPORT_CODE,
  LAYOUT_DEFINITIONS,
} from '#reference/statement_layouts'
import { PCG_ASSOCIATIONS } from '#reference/pcg_associations'

const balanceSheet = (code: string) =>
  LAYOUT_DEFINITIONS.find((d) => d.code === code && d.kind === 'balance_sheet')!.lines

function asLine(definition: LineDefinition): LayoutLine {
  return {
    id: 0,
    code: definition.code,
    label: definition.label,
    section: definition.section,
    kind: definition.kind ?? 'line',
    level: definition.level ?? 1,
    ofWhich: definition.ofWhich ?? false,
    sign: sectionSign(definition.section),
    ranges: parseRanges(definition.ranges),
    formula: parseFormula(definition.formula),
  }
}

/** How a line takes an account: not at all, or in the gross or depreciation column. */
function takes(line: LayoutLine, number: string, balance: string) {
  const range = lineTakesAccount(line, number, toMoney(balance))
  return range ? (range.part ?? 'gross') : 'no'
}

/** Every account of the chart, every prefix the ANC layout names and accounts just under them. */
function accountNumbers(lines: LineDefinition[]) {
  const numbers = new Set(PCG_ASSOCIATIONS.map((account) => account.number))
  for (const line of lines) {
    for (const range of parseRanges(line.ranges)) {
      numbers.add(range.prefix)
      for (let digit = 0; digit < 10; digit++) numbers.add(`${range.prefix}${digit}1`)
    }
  }
  return [...numbers]
}

test.group('Annual-report balance sheet as a regrouping of the ANC lines', () => {
  test('each line takes what its ANC lines take, the same way, and nothing else', ({ assert }) => {
    const anc = balanceSheet(ANC_CODE)
    const annual = balanceSheet(ANNUAL_REPORT_CODE)
    const numbers = accountNumbers(anc)
    let compared = 0
    for (const entry of ANNUAL_BALANCE_REGROUPING.filter((e) => e.from)) {
      const line = asLine(annual.find((l) => l.code === entry.code)!)
      const sources = entry.from!.map((code) => asLine(anc.find((l) => l.code === code)!))
      const leftOut = parseRanges(entry.ranges).filter((r) => r.exclude)
      for (const number of numbers) {
        for (const balance of ['1.00', '-1.00']) {
          const expected = leftOut.some((r) => number.startsWith(r.prefix))
            ? 'no'
            : (sources.map((s) => takes(s, number, balance)).find((t) => t !== 'no') ?? 'no')
          assert.equal(takes(line, number, balance), expected, `${entry.code} ${number} ${balance}`)
          compared++
        }
      }
    }
    assert.isAbove(compared, 10_000)
  })

  test('lines, labels and ranges of the printed report', ({ assert }) => {
    const annual = balanceSheet(ANNUAL_REPORT_CODE)
    const byCode = new Map(annual.map((line) => [line.code, line]))
    assert.deepEqual(
      annual.map((line) => line.code),
      ANNUAL_BALANCE_REGROUPING.map((entry) => entry.code)
    )
    assert.equal(byCode.get('A02')!.label, 'Immobilisations corporelles')
    assert.equal(byCode.get('A03')!.label, 'Immobilisations financières')
    assert.equal(byCode.get('F01')!.ranges, '10 -1026')
    assert.equal(byCode.get('F02')!.ranges, '1026')
    assert.equal(byCode.get('A05')!.ranges, '41:D 40:D 42:D 43:D 44:D 45:D 46:D 47:D 49:A')
    assert.equal(byCode.get('F05')!.ranges, '13 14')
    const line = (code: string) => asLine(byCode.get(code)!)
    assert.equal(takes(line('F02'), '10261', '-1.00'), 'gross')
    assert.equal(takes(line('F01'), '10261', '-1.00'), 'no')
    assert.equal(takes(line('A02'), '2411', '1.00'), 'gross')
    assert.equal(takes(line('A05'), '4951', '-1.00'), 'depreciation')
  })

  test('the ANC "autres créances" take the depreciation of every 49 but the usagers', ({
    assert,
  }) => {
    const anc = new Map(balanceSheet(ANC_CODE).map((line) => [line.code, asLine(line)]))
    assert.equal(takes(anc.get('A06')!, '4911', '-1.00'), 'depreciation')
    assert.equal(takes(anc.get('A07')!, '4911', '-1.00'), 'no')
    assert.equal(takes(anc.get('A07')!, '4961', '-1.00'), 'depreciation')
    assert.equal(takes(anc.get('A07')!, '497', '-1.00'), 'depreciation')
  })

  test('a regrouping that cannot be written as one line is refused', ({ assert }) => {
    assert.throws(() => unionOfRanges([parseRanges('10 -103'), parseRanges('103:D')]), /ambigu/)
    assert.deepEqual(unionOfRanges([parseRanges('10 -103'), parseRanges('104')]), [
      { prefix: '10' },
      { prefix: '103', exclude: true },
    ])
    const source: LineDefinition[] = [{ code: 'X', label: 'X', section: 'actif', ranges: '20' }]
    assert.throws(() => regroupLayout(source, [{ code: 'Y', from: ['Z'] }]), /inconnue/)
    assert.throws(() => regroupLayout(source, [{ code: 'Y' }]), /manquant/)
  })
})
