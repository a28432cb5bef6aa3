import { buildWorkbook, type Row } from '#support/spreadsheet/writer'
import type { NetworkFiguresResult } from '#reports/network/network_figures'
import { col } from '#support/spreadsheet/columns'

function sheetName(title: string) {
  return title
    .replace(/[:\\/?*[\]]/g, ' ')
    .slice(0, 31)
    .trim()
}

/**
 * The network's consolidated figures as one workbook: a first sheet naming the network, the
 * year and the members counted (and those that did not agree to share), then one sheet per
 * table, with its row per organisation and its total.
 */
export function networkFiguresWorkbook(report: NetworkFiguresResult) {
  const about: Row[] = [
    { label: 'Réseau', value: report.network.name },
    { label: 'Année', value: String(report.year) },
    ...report.members.map((member) => ({ label: 'Organisation comptée', value: member.name })),
    ...report.notSharing.map((name) => ({
      label: 'Non comptée (partage non accepté)',
      value: name,
    })),
  ]
  return buildWorkbook([
    {
      name: `Réseau ${report.year}`,
      columns: [col.text('Rubrique', 'label', 36), col.text('Valeur', 'value', 48)],
      rows: about,
    },
    ...report.tables.map((table) => ({
      name: sheetName(table.title),
      columns: table.columns,
      rows: table.rows as Row[],
    })),
  ])
}
