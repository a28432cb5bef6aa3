import type { ColumnSpec, ColumnType } from '#support/spreadsheet/writer'

function typed(type: ColumnType) {
  return (header: string, key: string, width?: number): ColumnSpec =>
    width === undefined ? { header, key, type } : { header, key, type, width }
}

/**
 * The columns of a workbook's sheets, one call each: the French header, the row's key, then
 * the width in characters when the default of the type does not suit
 * (`col.text('Financeur', 'funder', 30)`, `col.money('Reçu', 'received')`); shares and
 * numbers take their decimals instead.
 */
export const col = {
  text: typed('text'),
  money: typed('money'),
  integer: typed('integer'),
  date: typed('date'),
  /** A share (0.25 shows as 25,0 %), with one decimal unless told. */
  percent: (header: string, key: string, decimals?: number): ColumnSpec =>
    decimals === undefined
      ? { header, key, type: 'percent' }
      : { header, key, type: 'percent', decimals },
  /** A decimal number shown with this many decimals. */
  number: (header: string, key: string, decimals: number): ColumnSpec => ({
    header,
    key,
    type: 'number',
    decimals,
  }),
}

/** The columns of `catalogue` with these keys, in this order (a sheet showing some of them). */
export function columnsOf<Key extends string>(
  catalogue: Record<Key, ColumnSpec>,
  ...keys: Key[]
): ColumnSpec[] {
  return keys.map((key) => catalogue[key])
}
