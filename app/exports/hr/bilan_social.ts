import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import type { BilanSocial, CountRow } from '#reports/hr/bilan_social'

const countColumns = (first: string, previous = true): ColumnSpec[] => [
  { header: first, key: 'label', type: 'text', width: 44 },
  { header: 'Femmes', key: 'F', type: 'integer' },
  { header: 'Hommes', key: 'H', type: 'integer' },
  { header: 'Total', key: 'total', type: 'integer' },
  ...(previous
    ? ([
        { header: 'Total N-1', key: 'previous', type: 'integer' },
        { header: 'Évolution', key: 'evolution', type: 'percent' },
      ] as ColumnSpec[])
    : []),
]
const rows = (list: CountRow[]) =>
  list.map((r) => ({
    label: r.label,
    ...r.current,
    previous: r.previousTotal,
    evolution: r.evolution,
  }))

/** Every table of the bilan social page, one sheet each, in the page's column order. */
export function bilanSocialWorkbook(report: BilanSocial) {
  const y = report.year
  return buildWorkbook([
    { name: `Effectif 31-12-${y}`, columns: countColumns('Contrat'), rows: rows(report.headcount) },
    {
      name: 'Ancienneté moyenne',
      columns: [
        { header: 'Année', key: 'year', type: 'integer' },
        { header: 'Femmes (ans)', key: 'F', type: 'number', decimals: 1 },
        { header: 'Hommes (ans)', key: 'H', type: 'number', decimals: 1 },
        { header: 'Ensemble (ans)', key: 'total', type: 'number', decimals: 1 },
      ],
      rows: [
        { year: y, ...report.seniority.current },
        { year: y - 1, ...report.seniority.previous },
      ],
    },
    {
      name: "Tranches d'ancienneté",
      columns: [
        { header: 'Ancienneté', key: 'label', type: 'text' },
        { header: 'Effectif', key: 'count', type: 'integer' },
        { header: 'Part', key: 'share', type: 'percent' },
      ],
      rows: report.seniorityBands,
    },
    {
      name: 'Emplois repères',
      columns: countColumns('Emploi repère', false),
      rows: rows(report.jobReferences),
    },
    { name: 'Embauches', columns: countColumns('Contrat').slice(0, 5), rows: rows(report.hires) },
    { name: 'Départs', columns: countColumns('Motif').slice(0, 5), rows: rows(report.departures) },
    {
      name: 'Âges',
      columns: countColumns("Tranche d'âge").slice(0, 5),
      rows: rows(report.ageBands),
    },
    {
      name: 'Nationalités',
      columns: countColumns('Nationalité').slice(0, 5),
      rows: rows(report.byNationality),
    },
    {
      name: 'Catégories (CSP)',
      columns: countColumns('Catégorie').slice(0, 5),
      rows: rows(report.byCategory),
    },
    {
      name: 'Indicateurs R2312-9',
      columns: [
        { header: 'Indicateur', key: 'label', type: 'text', width: 50 },
        { header: 'Valeur', key: 'value', type: 'number', decimals: 2 },
      ],
      rows: [
        { label: 'Effectif mensuel moyen', value: report.averageMonthlyHeadcount },
        { label: 'Embauches de moins de 25 ans (CDI et CDD)', value: report.under25Hires.total },
      ],
    },
  ])
}
