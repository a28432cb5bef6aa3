import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import type { BilanSocial, CountRow } from '#reports/hr/bilan_social'
import { col } from '#support/spreadsheet/columns'

const countColumns = (first: string, previous = true): ColumnSpec[] => [
  col.text(first, 'label', 44),
  col.integer('Femmes', 'F'),
  col.integer('Hommes', 'H'),
  col.integer('Total', 'total'),
  ...(previous
    ? ([
        col.integer('Total N-1', 'previous'),
        col.percent('Évolution', 'evolution'),
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
        col.integer('Année', 'year'),
        col.number('Femmes (ans)', 'F', 1),
        col.number('Hommes (ans)', 'H', 1),
        col.number('Ensemble (ans)', 'total', 1),
      ],
      rows: [
        { year: y, ...report.seniority.current },
        { year: y - 1, ...report.seniority.previous },
      ],
    },
    {
      name: "Tranches d'ancienneté",
      columns: [
        col.text('Ancienneté', 'label'),
        col.integer('Effectif', 'count'),
        col.percent('Part', 'share'),
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
      columns: [col.text('Indicateur', 'label', 50), col.number('Valeur', 'value', 2)],
      rows: [
        { label: 'Effectif mensuel moyen', value: report.averageMonthlyHeadcount },
        { label: 'Embauches de moins de 25 ans (CDI et CDD)', value: report.under25Hires.total },
      ],
    },
  ])
}
