import type { Score, CriterionAlert, ScoreLine } from '#reports/quality/labellisation_score'
import { ASSESSMENT_STATUSES } from '#vocabulary/quality'
import { labelOf } from '#vocabulary/labels'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'

const scoreColumns: ColumnSpec[] = [
  col.text('Thème', 'name', 44),
  col.integer('Critères', 'total'),
  col.integer('Non applicables', 'notApplicable'),
  col.integer('Applicables', 'applicable'),
  col.integer('Validés', 'validated'),
  col.percent('Score', 'ratio'),
  col.percent('Seuil', 'threshold'),
  col.integer('Critères manquants', 'gap'),
  col.percent('Score projeté à l’échéance', 'projectedRatio'),
]

const alertColumns: ColumnSpec[] = [
  col.text('Code', 'code', 10),
  col.text('Critère', 'title', 60),
  col.text('Thème', 'theme', 40),
  col.text('Statut', 'statusLabel', 16),
  col.date('Échéance', 'dueDate'),
  col.text('Responsable', 'ownerName'),
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
