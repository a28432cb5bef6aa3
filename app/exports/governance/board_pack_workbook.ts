import { buildWorkbook, type Row, type SheetSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'
import type { BoardPackDocument, PackRowClass } from '#reports/governance/board_pack/blocks'

/** A sheet name Excel accepts (31 characters, none of : \ / ? * [ ]), unique in the workbook. */
function sheetName(title: string, taken: Set<string>) {
  const base = title
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  let name = base.slice(0, 31).trim()
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`
    name = base.slice(0, 31 - suffix.length).trim() + suffix
  }
  taken.add(name.toLowerCase())
  return name
}

const indent = (label: unknown, rowClass: PackRowClass | undefined) =>
  rowClass === 'detail' ? `   ${String(label ?? '')}` : label

/**
 * Every figure and table of the pack, a sheet each, in the pack's order: the first sheet holds
 * the key figures of every section, each table its own sheet with real numbers.
 */
export function boardPackWorkbook(pack: BoardPackDocument) {
  const taken = new Set<string>()
  const figures: Row[] = []
  const sheets: Array<SheetSpec & { rows: Row[] }> = []
  for (const section of pack.sections) {
    for (const block of section.blocks) {
      if (block.kind === 'figures') {
        for (const item of block.items) {
          figures.push({
            section: section.title,
            label: item.label,
            value: item.type === 'text' ? null : item.value,
          })
        }
      } else if (block.kind === 'table') {
        const first = block.columns[0]?.key
        sheets.push({
          name: sheetName(block.title, taken),
          columns: block.columns,
          rows: block.rows.map((row, i) =>
            first ? { ...row, [first]: indent(row[first], block.rowClass?.[i]) } : row
          ),
        })
      }
    }
  }
  return buildWorkbook([
    {
      name: sheetName('Chiffres clés', taken),
      columns: [
        col.text('Section', 'section', 30),
        col.text('Chiffre', 'label', 60),
        col.number('Valeur', 'value', 2),
      ],
      rows: figures,
    },
    ...sheets,
  ])
}
