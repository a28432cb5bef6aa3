import db from '@adonisjs/lucid/services/db'
import { buildWorkbook } from '#support/spreadsheet/writer'
import type Employee from '#models/hr/employee'
import { CONTRACT_TYPES, END_REASONS, type ContractType } from '#vocabulary/hr'
import { labelOf } from '#vocabulary/labels'

/** Raw rows (the other columns pass through to the pages and workbooks). */
interface EmployeeRow {
  contract_type: string | null
  end_date: Date | null
  [column: string]: unknown
}
interface ContractRow {
  contract_type: string
  end_reason: string | null
  [column: string]: unknown
}

/** Employees with their current (or last) contract: personal data, hr.personal only. */
export async function employeeList(organisationId: number) {
  const result = await db.rawQuery(
    `SELECT e.id, e.registry_number, e.surname, e.first_names, e.sex, e.birth_date, e.anonymised_at,
            c.contract_type, c.job_title, j.label AS job_reference, c.site, c.start_date, c.end_date, c.part_time_share
     FROM employees e
     LEFT JOIN LATERAL (SELECT * FROM contracts c WHERE c.employee_id = e.id AND c.superseded_at IS NULL
                        ORDER BY c.start_date DESC LIMIT 1) c ON true
     LEFT JOIN job_references j ON j.id = c.job_reference_id
     WHERE e.organisation_id = ?
     ORDER BY (c.end_date IS NULL OR c.end_date >= current_date) DESC, e.surname, e.first_names`,
    [organisationId]
  )
  return (result.rows as EmployeeRow[]).map((r) => ({
    ...r,
    contract: r.contract_type ? labelOf(CONTRACT_TYPES, r.contract_type) : '',
    present: r.end_date === null || new Date(r.end_date) >= new Date(),
  }))
}

export const EMPLOYEE_COLUMNS = [
  { header: 'Matricule', key: 'registry_number', type: 'text' as const },
  { header: 'Nom', key: 'surname', type: 'text' as const },
  { header: 'Prénoms', key: 'first_names', type: 'text' as const },
  { header: 'Sexe', key: 'sex', type: 'text' as const },
  { header: 'Date de naissance', key: 'birth_date', type: 'date' as const },
  { header: 'Contrat', key: 'contract', type: 'text' as const },
  { header: 'Emploi', key: 'job_title', type: 'text' as const, width: 36 },
  { header: 'Emploi repère', key: 'job_reference', type: 'text' as const },
  { header: 'Site', key: 'site', type: 'text' as const },
  { header: 'Début', key: 'start_date', type: 'date' as const },
  { header: 'Fin', key: 'end_date', type: 'date' as const },
  { header: 'Temps de travail', key: 'part_time_share', type: 'percent' as const },
]

/** Everything held about one employee (detail page and GDPR access export). */
export async function employeeFile(organisationId: number, employeeId: number) {
  const scoped = (table: string, alias = table) =>
    db
      .from(table)
      .where(`${alias}.organisation_id`, organisationId)
      .where(`${alias}.employee_id`, employeeId)
  const [contracts, salaries, leaves, training, allocations] = await Promise.all([
    scoped('contracts as c', 'c')
      .leftJoin('job_references as j', 'j.id', 'c.job_reference_id')
      .select('c.*', 'j.label as job_reference')
      .orderBy('c.start_date'),
    scoped('salary_events').orderBy('effective_date').orderBy('id'),
    scoped('leaves').orderBy('start_date'),
    db
      .from('training_participants as p')
      .join('training_sessions as s', 's.id', 'p.training_session_id')
      .join('training_actions as a', 'a.id', 's.training_action_id')
      .where('p.organisation_id', organisationId)
      .where('p.employee_id', employeeId)
      .select('a.title', 's.start_date', 's.end_date', 'p.days', 'p.hours')
      .orderBy('s.start_date'),
    scoped('time_allocations').orderBy('month'),
  ])
  return {
    contracts: (contracts as ContractRow[]).map((c) => ({
      ...c,
      contract: CONTRACT_TYPES[c.contract_type as ContractType],
      endReason: c.end_reason ? labelOf(END_REASONS, c.end_reason) : null,
    })),
    salaries,
    leaves,
    training,
    allocations,
  }
}

export function gdprWorkbook(employee: Employee, file: Awaited<ReturnType<typeof employeeFile>>) {
  return buildWorkbook([
    {
      name: 'Identité',
      columns: [
        { header: 'Donnée', key: 'label', type: 'text', width: 30 },
        { header: 'Valeur', key: 'value', type: 'text', width: 40 },
      ],
      rows: [
        { label: 'Matricule', value: employee.registryNumber },
        { label: 'Nom', value: employee.surname },
        { label: 'Prénoms', value: employee.firstNames },
        { label: 'Sexe', value: employee.sex },
        { label: 'Date de naissance', value: employee.birthDate?.toISODate() },
        { label: 'Nationalité', value: employee.nationality },
        {
          label: 'Titre de travail',
          value: [employee.workPermitType, employee.workPermitNumber].filter(Boolean).join(' '),
        },
      ],
    },
    {
      name: 'Contrats',
      columns: [
        { header: 'Contrat', key: 'contract', type: 'text' },
        { header: 'Emploi', key: 'job_title', type: 'text', width: 36 },
        { header: 'Emploi repère', key: 'job_reference', type: 'text' },
        { header: 'Qualification', key: 'qualification', type: 'text' },
        { header: 'Temps de travail', key: 'part_time_share', type: 'percent' },
        { header: 'Site', key: 'site', type: 'text' },
        { header: 'Début', key: 'start_date', type: 'date' },
        { header: 'Fin', key: 'end_date', type: 'date' },
        { header: 'Motif de fin', key: 'endReason', type: 'text' },
      ],
      rows: file.contracts,
    },
    {
      name: 'Salaires',
      columns: [
        { header: 'Date', key: 'effective_date', type: 'date' },
        { header: 'Nature', key: 'kind', type: 'text' },
        { header: 'Brut annuel équivalent temps plein', key: 'gross_annual_fte', type: 'money' },
        { header: 'Commentaire', key: 'comment', type: 'text' },
      ],
      rows: file.salaries,
    },
    {
      name: 'Congés',
      columns: [
        { header: 'Nature', key: 'kind', type: 'text' },
        { header: 'Début', key: 'start_date', type: 'date' },
        { header: 'Fin', key: 'end_date', type: 'date' },
      ],
      rows: file.leaves,
    },
    {
      name: 'Formations',
      columns: [
        { header: 'Action', key: 'title', type: 'text', width: 50 },
        { header: 'Début', key: 'start_date', type: 'date' },
        { header: 'Fin', key: 'end_date', type: 'date' },
        { header: 'Jours', key: 'days', type: 'number', decimals: 1 },
        { header: 'Heures', key: 'hours', type: 'number', decimals: 1 },
      ],
      rows: file.training,
    },
    {
      name: 'Temps par dispositif',
      columns: [
        { header: 'Mois', key: 'month', type: 'date' },
        { header: 'Dispositif (id)', key: 'programme_id', type: 'integer' },
        { header: 'Part du temps', key: 'share', type: 'percent' },
      ],
      rows: file.allocations,
    },
  ])
}
