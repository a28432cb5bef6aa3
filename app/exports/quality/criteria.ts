import type Criterion from '#models/quality/criterion'
import type Referential from '#models/quality/referential'
import type { StatusHistoryRow } from '#reports/quality/criteria_list'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'

const assessmentColumns: ColumnSpec[] = [
  col.text('Thème', 'theme', 40),
  col.text('Code', 'code', 10),
  col.text('Titre', 'title', 60),
  col.text('Statut', 'status', 16),
  col.text('Responsable', 'owner'),
  col.date('Échéance', 'dueDate'),
  col.date('Validé le', 'validatedAt'),
  col.integer('Pièces jointes', 'files'),
  col.integer('Liens', 'links'),
  col.text('Commentaire', 'comment', 50),
]

/** The criteria with their assessment, as shown on /qualite/criteres. */
export function criteriaWorkbook(criteria: Criterion[]) {
  return buildWorkbook([
    {
      name: 'Critères',
      columns: assessmentColumns,
      rows: criteria.map((criterion) => ({
        theme: criterion.theme.name,
        code: criterion.code,
        title: criterion.title,
        status: criterion.assessment.statusLabel,
        owner: criterion.assessment.owner?.fullName ?? null,
        dueDate: criterion.assessment.dueDate,
        validatedAt: criterion.assessment.validatedAt,
        files: Number(criterion.$extras.evidenceFiles_count ?? 0),
        links: Number(criterion.$extras.evidenceLinks_count ?? 0),
        comment: criterion.assessment.comment,
      })),
    },
  ])
}

/** The referential itself, in the layout the import reads back (see #imports/quality/referential). */
export function referentialWorkbook(referential: Referential, criteria: Criterion[]) {
  const columns: ColumnSpec[] = [
    col.text('Thème', 'theme', 40),
    col.text('Code', 'code', 10),
    col.text('Titre', 'title', 60),
    col.text('Texte', 'text', 80),
    col.text('Preuves attendues', 'expectedEvidence', 50),
    col.text('Référentiel', 'referentialName', 40),
    col.number('Seuil (%)', 'threshold', 2),
    col.date('Échéance', 'deadline'),
  ]
  return buildWorkbook([
    {
      name: 'Référentiel',
      columns,
      rows: criteria.map((criterion) => ({
        theme: criterion.theme.name,
        code: criterion.code,
        title: criterion.title,
        text: criterion.text,
        expectedEvidence: criterion.expectedEvidence,
        referentialName: referential.name,
        threshold: referential.thresholdPercent,
        deadline: referential.deadline,
      })),
    },
  ])
}

const historyColumns: ColumnSpec[] = [
  col.text('Code', 'code', 10),
  col.text('Critère', 'title', 60),
  col.date('Date', 'day'),
  col.text('Heure', 'time', 8),
  col.text('Par', 'by', 28),
  col.text('De', 'from', 16),
  col.text('Vers', 'to', 16),
  col.text('Commentaire', 'comment', 50),
]

/** The history of status changes (who, when, from, to, why). */
export function historyWorkbook(rows: StatusHistoryRow[]) {
  return buildWorkbook([
    {
      name: 'Historique',
      columns: historyColumns,
      rows: rows.map((row) => ({
        ...row,
        day: row.at,
        time: row.at.setZone('Europe/Paris').toFormat('HH:mm'),
      })),
    },
  ])
}
