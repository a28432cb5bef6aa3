import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { CONTRACT_TYPES, END_REASONS } from '#vocabulary/hr'
import { labelOf } from '#vocabulary/labels'
import { IDENTITY_COLUMNS } from '#exports/hr/identity_columns'
import { col } from '#support/spreadsheet/columns'

/** A contract line as read from the database (the other columns pass through). */
interface RegisterRow {
  line: string
  contract_type: string
  part_time_share: string
  superseded_at: Date | null
  end_reason: string | null
  [column: string]: unknown
}

/**
 * Registre unique du personnel (C. trav. L1221-13, D1221-23): one line per contract in hiring
 * order, with every legal mention; interns in a separate part. Personal data: hr.personal only.
 */
export async function staffRegister(organisationId: number) {
  const lines = await db.rawQuery(
    `SELECT row_number() OVER (ORDER BY c.start_date, c.id) AS line, e.id AS employee_id, e.registry_number,
            e.surname, e.first_names, e.sex, e.birth_date, e.nationality, e.work_permit_type, e.work_permit_number,
            c.contract_type, c.job_title, j.label AS job_reference, c.qualification, c.part_time_share, c.site,
            c.start_date, c.end_date, c.end_reason, c.authorisation_date, c.superseded_at, e.anonymised_at
     FROM contracts c JOIN employees e ON e.id = c.employee_id
     LEFT JOIN job_references j ON j.id = c.job_reference_id
     WHERE c.organisation_id = ?
     ORDER BY c.start_date, c.id`,
    [organisationId]
  )
  const interns = await db
    .from('internships')
    .where('organisation_id', organisationId)
    .orderBy('start_date')
    .orderBy('id')
  return {
    lines: (lines.rows as RegisterRow[]).map((r) => ({
      ...r,
      line: Number(r.line),
      contract: labelOf(CONTRACT_TYPES, r.contract_type),
      mentions: [
        r.contract_type.startsWith('cdd') ? 'CDD' : null,
        r.contract_type === 'apprentissage' ? 'Apprenti' : null,
        r.contract_type === 'professionnalisation' ? 'Contrat de professionnalisation' : null,
        Number(r.part_time_share) < 1
          ? `Temps partiel (${Math.round(Number(r.part_time_share) * 100)} %)`
          : null,
        r.superseded_at ? 'Ligne corrigée par une ligne suivante' : null,
      ]
        .filter(Boolean)
        .join(' ; '),
      endReason: r.end_reason ? labelOf(END_REASONS, r.end_reason) : null,
    })),
    interns,
  }
}

export const REGISTER_COLUMNS = [
  col.integer('N° de ligne', 'line'),
  ...IDENTITY_COLUMNS,
  col.text('Nationalité', 'nationality'),
  col.text('Titre de travail (type)', 'work_permit_type'),
  col.text('Titre de travail (n°)', 'work_permit_number'),
  col.text('Emploi', 'job_title', 36),
  col.text('Emploi repère', 'job_reference'),
  col.text('Qualification', 'qualification'),
  col.text('Contrat', 'contract'),
  col.text('Mentions', 'mentions', 36),
  col.date("Date d'entrée", 'start_date'),
  col.date('Date de sortie', 'end_date'),
  col.text('Motif de sortie', 'endReason'),
  col.date("Date d'autorisation", 'authorisation_date'),
  col.text('Site', 'site'),
]

export const INTERN_COLUMNS = [
  col.text('Nom', 'surname'),
  col.text('Prénoms', 'first_names'),
  col.text('Établissement', 'school', 36),
  col.date('Début du stage', 'start_date'),
  col.date('Fin du stage', 'end_date'),
  col.text('Tuteur', 'tutor_name'),
  col.text('Lieu de présence', 'place'),
]

export type StaffRegisterResult = Awaited<ReturnType<typeof staffRegister>>

/** The register as a report (pages and workbook): `new StaffRegister(tenant, {}).build()`. */
export default class StaffRegister extends Report<Record<string, never>, StaffRegisterResult> {
  build() {
    return staffRegister(this.tenant.organisationId)
  }
}
