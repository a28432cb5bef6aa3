import db from '@adonisjs/lucid/services/db'
import { Report } from '#support/report'
import { CONTRACT_TYPES, END_REASONS } from '#vocabulary/hr'
import { labelOf } from '#vocabulary/labels'
import { IDENTITY_COLUMNS } from '#exports/hr/identity_columns'

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
  { header: 'N° de ligne', key: 'line', type: 'integer' as const },
  ...IDENTITY_COLUMNS,
  { header: 'Nationalité', key: 'nationality', type: 'text' as const },
  { header: 'Titre de travail (type)', key: 'work_permit_type', type: 'text' as const },
  { header: 'Titre de travail (n°)', key: 'work_permit_number', type: 'text' as const },
  { header: 'Emploi', key: 'job_title', type: 'text' as const, width: 36 },
  { header: 'Emploi repère', key: 'job_reference', type: 'text' as const },
  { header: 'Qualification', key: 'qualification', type: 'text' as const },
  { header: 'Contrat', key: 'contract', type: 'text' as const },
  { header: 'Mentions', key: 'mentions', type: 'text' as const, width: 36 },
  { header: "Date d'entrée", key: 'start_date', type: 'date' as const },
  { header: 'Date de sortie', key: 'end_date', type: 'date' as const },
  { header: 'Motif de sortie', key: 'endReason', type: 'text' as const },
  { header: "Date d'autorisation", key: 'authorisation_date', type: 'date' as const },
  { header: 'Site', key: 'site', type: 'text' as const },
]

export const INTERN_COLUMNS = [
  { header: 'Nom', key: 'surname', type: 'text' as const },
  { header: 'Prénoms', key: 'first_names', type: 'text' as const },
  { header: 'Établissement', key: 'school', type: 'text' as const, width: 36 },
  { header: 'Début du stage', key: 'start_date', type: 'date' as const },
  { header: 'Fin du stage', key: 'end_date', type: 'date' as const },
  { header: 'Tuteur', key: 'tutor_name', type: 'text' as const },
  { header: 'Lieu de présence', key: 'place', type: 'text' as const },
]

export type StaffRegisterResult = Awaited<ReturnType<typeof staffRegister>>

/** The register as a report (pages and workbook): `new StaffRegister(tenant, {}).build()`. */
export default class StaffRegister extends Report<Record<string, never>, StaffRegisterResult> {
  build() {
    return staffRegister(this.tenant.organisationId)
  }
}
