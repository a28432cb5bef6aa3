import type { Decimal } from 'decimal.js'
import type { DateTime } from 'luxon'
import type { ColumnSpec } from '#support/spreadsheet/writer'
import { formatDate, formatMoney, formatNumber, formatPercent } from '#support/french_format'
import { toMoney } from '#support/money'
import type { BoardPackSection } from '#vocabulary/board_pack'

/** A value of a pack's table or figure, formatted by its column's type. */
export type PackCell = string | number | Decimal | null

export interface PackFigure {
  label: string
  value: PackCell
  type: ColumnSpec['type']
  decimals?: number
}

/** How a table row reads: a heading, a subtotal, a total, or a "dont" detail line. */
export type PackRowClass = 'heading' | 'subtotal' | 'total' | 'detail' | null

/**
 * What a section is made of, written once and drawn twice: by the HTML preview
 * (pages/governance/board_packs/preview.edge) and by the PDF (#exports/governance/board_pack_pdf).
 */
export type PackBlock =
  | {
      kind: 'cover'
      organisation: string
      logo: { contentType: string; dataUrl: string } | null
      title: string
      subtitle: string
      date: string
      location: string | null
      year: string | null
    }
  | { kind: 'text'; text: string }
  | { kind: 'list'; title?: string; items: string[] }
  | { kind: 'figures'; items: PackFigure[] }
  | {
      kind: 'table'
      title: string
      columns: ColumnSpec[]
      rows: Array<Record<string, PackCell>>
      rowClass?: PackRowClass[]
    }
  | {
      kind: 'chart'
      title: string
      labels: string[]
      series: Array<{ label: string; values: number[] }>
    }

export interface PackSection {
  key: BoardPackSection
  title: string
  blocks: PackBlock[]
}

export interface PackMeeting {
  id: number
  title: string
  kindLabel: string
  heldAt: DateTime
  location: string | null
}

export interface BoardPackDocument {
  organisation: string
  meeting: PackMeeting
  /** The fiscal year the pack reports on (N): the latest one ended before the meeting. */
  year: { label: string; endYear: number } | null
  sections: PackSection[]
}

/** A pack's cell in French (1 234 567,89 €, 12,5 %, 20/06/2024); an empty cell is a dash. */
export function packCellText(
  column: Pick<ColumnSpec, 'type' | 'decimals'>,
  value: PackCell | undefined
): string {
  if (value === null || value === undefined || value === '') return '—'
  if (column.type === 'text') return String(value)
  if (column.type === 'date') return formatDate(String(value))
  const amount = toMoney(value)
  switch (column.type) {
    case 'money':
      return formatMoney(amount)
    case 'integer':
      return formatNumber(amount, 0)
    case 'percent':
      return formatPercent(amount, column.decimals ?? 1)
    default:
      return formatNumber(amount, column.decimals ?? 2)
  }
}

/** Whether a column is right-aligned (every figure). */
export const isFigure = (column: Pick<ColumnSpec, 'type'>) =>
  column.type !== 'text' && column.type !== 'date'

/**
 * A chart's bars as shares of its largest value (0 to 1), one list per label, one bar per
 * series: the preview draws them as SVG, the PDF as rectangles (the numbers are the table's).
 */
export function chartBars(block: Extract<PackBlock, { kind: 'chart' }>) {
  const max = Math.max(0, ...block.series.flatMap((series) => series.values.map(Math.abs)))
  return block.labels.map((label, index) => ({
    label,
    bars: block.series.map((series) => ({
      label: series.label,
      value: series.values[index] ?? 0,
      share: max === 0 ? 0 : Math.abs(series.values[index] ?? 0) / max,
    })),
  }))
}
