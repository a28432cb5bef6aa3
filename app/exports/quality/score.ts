import type { Score, CriterionAlert, ScoreLine } from '#reports/quality/labellisation_score'
import { ASSESSMENT_STATUSES } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'

const scoreColumns: ColumnSpec[] = [
  { header: 'Thème', key: 'name', type: 'text', width: 44 },
  { header: 'Critères', key: 'total', type: 'integer' },
  { header: 'Non applicables', key: 'notApplicable', type: 'integer' },
  { header: 'Applicables', key: 'applicable', type: 'integer' },
  { header: 'Validés', key: 'validated', type: 'integer' },
  { header: 'Score', key: 'ratio', type: 'percent' },
  { header: 'Seuil', key: 'threshold', type: 'percent' },
  { header: 'Critères manquants', key: 'gap', type: 'integer' },
  { header: 'Score projeté à l’échéance', key: 'projectedRatio', type: 'percent' },
]

const alertColumns: ColumnSpec[] = [
  { header: 'Code', key: 'code', type: 'text', width: 10 },
  { header: 'Critère', key: 'title', type: 'text', width: 60 },
  { header: 'Thème', key: 'theme', type: 'text', width: 40 },
  { header: 'Statut', key: 'statusLabel', type: 'text', width: 16 },
  { header: 'Échéance', key: 'dueDate', type: 'date' },
  { header: 'Responsable', key: 'ownerName', type: 'text' },
]

const alertRows = (alerts: CriterionAlert[]) =>
  alerts.map((alert) => ({
    ...alert,
    statusLabel: labelOf(ASSESSMENT_STATUSES, alert.status),
  }))

/** The score as a workbook: per theme and total, then late and unowned criteria. */
export function scoreWorkbook(score: Score) {
  const line = (name: string, values: ScoreLine) => ({
    ...values,
    name,
    threshold: score.threshold,
  })
  return buildWorkbook([
    {
      name: 'Score',
      columns: scoreColumns,
      rows: [...score.themes.map((theme) => line(theme.name, theme)), line('Total', score.overall)],
    },
    { name: 'En retard', columns: alertColumns, rows: alertRows(score.late) },
    { name: 'Sans responsable', columns: alertColumns, rows: alertRows(score.unowned) },
  ])
}
