import type Criterion from '#models/quality/criterion'
import type Referential from '#models/quality/referential'
import type { StatusHistoryRow } from '#reports/quality/criteria_list'
import { buildWorkbook, type ColumnSpec } from '#support/spreadsheet/writer'

const assessmentColumns: ColumnSpec[] = [
  { header: 'Thème', key: 'theme', type: 'text', width: 40 },
  { header: 'Code', key: 'code', type: 'text', width: 10 },
  { header: 'Titre', key: 'title', type: 'text', width: 60 },
  { header: 'Statut', key: 'status', type: 'text', width: 16 },
  { header: 'Responsable', key: 'owner', type: 'text' },
  { header: 'Échéance', key: 'dueDate', type: 'date' },
  { header: 'Validé le', key: 'validatedAt', type: 'date' },
  { header: 'Pièces jointes', key: 'files', type: 'integer' },
  { header: 'Liens', key: 'links', type: 'integer' },
  { header: 'Commentaire', key: 'comment', type: 'text', width: 50 },
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
    { header: 'Thème', key: 'theme', type: 'text', width: 40 },
    { header: 'Code', key: 'code', type: 'text', width: 10 },
    { header: 'Titre', key: 'title', type: 'text', width: 60 },
    { header: 'Texte', key: 'text', type: 'text', width: 80 },
    { header: 'Preuves attendues', key: 'expectedEvidence', type: 'text', width: 50 },
    { header: 'Référentiel', key: 'referentialName', type: 'text', width: 40 },
    { header: 'Seuil (%)', key: 'threshold', type: 'number' },
    { header: 'Échéance', key: 'deadline', type: 'date' },
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
  { header: 'Code', key: 'code', type: 'text', width: 10 },
  { header: 'Critère', key: 'title', type: 'text', width: 60 },
  { header: 'Date', key: 'day', type: 'date' },
  { header: 'Heure', key: 'time', type: 'text', width: 8 },
  { header: 'Par', key: 'by', type: 'text', width: 28 },
  { header: 'De', key: 'from', type: 'text', width: 16 },
  { header: 'Vers', key: 'to', type: 'text', width: 16 },
  { header: 'Commentaire', key: 'comment', type: 'text', width: 50 },
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
