import type Employee from '#models/hr/employee'
import type { EmployeeFileData, EmployeeListRow } from '#reports/hr/employee_file'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { IDENTITY_COLUMNS } from '#exports/hr/identity_columns'

export const EMPLOYEE_COLUMNS = [
  ...IDENTITY_COLUMNS,
  { header: 'Contrat', key: 'contract', type: 'text' as const },
  { header: 'Emploi', key: 'job_title', type: 'text' as const, width: 36 },
  { header: 'Emploi repère', key: 'job_reference', type: 'text' as const },
  { header: 'Site', key: 'site', type: 'text' as const },
  { header: 'Début', key: 'start_date', type: 'date' as const },
  { header: 'Fin', key: 'end_date', type: 'date' as const },
  { header: 'Temps de travail', key: 'part_time_share', type: 'percent' as const },
]

/** The staff list (EmployeeDirectory's employees), one row each. */
export function employeesWorkbook(employees: EmployeeListRow[]) {
  return buildWorkbook([{ name: 'Salariés', columns: EMPLOYEE_COLUMNS, rows: employees }])
}

/** GDPR access request: everything the register holds about one person (EmployeePage). */
export function gdprWorkbook(employee: Employee, file: EmployeeFileData) {
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
        { label: 'NIR (numéro de sécurité sociale)', value: employee.nir },
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
      name: 'Éléments de paie',
      columns: [
        { header: 'Début de période', key: 'period_start', type: 'date' },
        { header: 'Fin de période', key: 'period_end', type: 'date' },
        { header: 'Nature', key: 'kindLabel', type: 'text', width: 40 },
        { header: 'Montant brut', key: 'amount', type: 'money' },
        { header: 'Commentaire', key: 'comment', type: 'text' },
        { header: 'Annulation', key: 'status', type: 'text', width: 40 },
      ],
      rows: file.payComponents,
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
