import { test } from '@japa/runner'
import type ExcelJS from 'exceljs'
import { isolated, makeUser, readWorkbook } from '#tests/helpers'
import { seededHrOrganisation } from './helpers.js'

/**
 * Issue #15: the bilan social workbook holds every table of the page, with the same figures.
 * The page's tables are read from its HTML (caption, row labels, cells as printed); each must
 * have its sheet (a new table on the page without a sheet fails here), whose rows, found by
 * their label, carry the same numbers in the same column order.
 */

/** The sheet of each table of the page, by the table's caption. */
const SHEET_OF_CAPTION: Record<string, string> = {
  'Effectif au 31 décembre par type de contrat et par sexe': 'Effectif 31-12-2023',
  'Ancienneté moyenne en années au 31 décembre': 'Ancienneté moyenne',
  "Répartition de l'effectif au 31 décembre par ancienneté": "Tranches d'ancienneté",
  'Effectif au 31 décembre par emploi repère et par sexe': 'Emplois repères',
  "Embauches de l'année par contrat et par sexe": 'Embauches',
  "Départs de l'année par motif et par sexe": 'Départs',
  "Effectif au 31 décembre par tranche d'âge (hors CDD de remplacement)": 'Âges',
  'Effectif au 31 décembre par nationalité (hors CDD de remplacement)': 'Nationalités',
  'Effectif au 31 décembre par catégorie socioprofessionnelle (hors CDD de remplacement)':
    'Catégories (CSP)',
}

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()

interface ScreenTable {
  caption: string
  rows: Array<{ label: string; cells: string[] }>
}

function screenTables(html: string): ScreenTable[] {
  return [...html.matchAll(/<table class="data">([\s\S]*?)<\/table>/g)].map(([, table]) => {
    const caption = decode(/<caption>([\s\S]*?)<\/caption>/.exec(table)![1])
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)![1]
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) => ({
      label: decode(/<th scope="row">([\s\S]*?)<\/th>/.exec(row)![1]),
      cells: [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => decode(cell)),
    }))
    return { caption, rows }
  })
}

/** A figure as printed in French ("1 234,5", "12 %", "—") as a number (a share for %), or null. */
function printed(text: string): { value: number | null; decimals: number; percent: boolean } {
  if (text === '—' || text === '') return { value: null, decimals: 0, percent: false }
  const percent = text.includes('%')
  const digits = text.replace(/[\s\u202f\u00a0%€]/g, '').replace(',', '.')
  const decimals = digits.includes('.') ? digits.split('.')[1].length : 0
  return { value: Number(digits), decimals, percent }
}

function cellValue(cell: ExcelJS.Cell): number | null {
  const value = cell.value
  if (value === null || value === undefined || value === '') return null
  return Number(value)
}

test.group('HR | bilan social workbook', (group) => {
  isolated(group)

  test('every table of the page is a sheet of the workbook with the same figures', async ({
    client,
    assert,
  }) => {
    const { organisation } = await seededHrOrganisation()
    const hr = await makeUser(organisation, ['hr'])
    const page = await client.get('/rh/bilan-social?annee=2023').actingAs(hr)
    page.assertStatus(200)
    const tables = screenTables(page.text())
    assert.isAtLeast(tables.length, 9)
    const workbook = await readWorkbook(
      await client.get('/rh/bilan-social.xlsx?annee=2023').actingAs(hr)
    )

    let compared = 0
    for (const table of tables) {
      const name = SHEET_OF_CAPTION[table.caption]
      assert.exists(name, `the page's table « ${table.caption} » has no sheet in the workbook`)
      const sheet = workbook.getWorksheet(name)
      assert.exists(sheet, `sheet « ${name} » missing (table « ${table.caption} »)`)
      const byLabel = new Map<string, ExcelJS.Row>()
      sheet!.eachRow((row, number) => {
        if (number > 1) byLabel.set(String(row.getCell(1).value), row)
      })
      assert.isAbove(table.rows.length, 0, table.caption)
      for (const { label, cells } of table.rows) {
        const row = byLabel.get(label)
        assert.exists(row, `« ${label} » of « ${table.caption} » is not in sheet « ${name} »`)
        cells.forEach((text, i) => {
          const shown = printed(text)
          const value = cellValue(row!.getCell(i + 2))
          const where = `${table.caption} / ${label} / column ${i + 2}`
          if (shown.value === null) {
            assert.isTrue(value === null || value === 0, `${where}: « ${text} » vs ${value}`)
            return
          }
          assert.isNotNull(value, `${where}: empty cell, page shows « ${text} »`)
          const scaled = shown.percent ? value! * 100 : value!
          assert.approximately(scaled, shown.value, 0.5 * 10 ** -shown.decimals + 1e-9, where)
          compared += 1
        })
      }
    }
    // The tables the workbook lacked before (issue #15) are there, with figures.
    for (const name of ['Nationalités', 'Catégories (CSP)']) {
      const sheet = workbook.getWorksheet(name)!
      assert.isAbove(sheet.rowCount, 2, name)
    }
    assert.isAbove(compared, 50)
  })
})
