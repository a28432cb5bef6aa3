import type Employee from '#models/hr/employee'
import type { EmployeeFileData, EmployeeListRow } from '#reports/hr/employee_file'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { col, columnsOf } from '#support/spreadsheet/columns'
import { IDENTITY_COLUMNS } from '#exports/hr/identity_columns'

/** The columns of a contract, in the staff list and in a person's GDPR workbook. */
const CONTRACT_COLUMNS = {
  contract: col.text('Contrat', 'contract'),
  jobTitle: col.text('Emploi', 'job_title', 36),
  jobReference: col.text('Emploi repère', 'job_reference'),
  qualification: col.text('Qualification', 'qualification'),
  partTime: col.percent('Temps de travail', 'part_time_share'),
  site: col.text('Site', 'site'),
  start: col.date('Début', 'start_date'),
  end: col.date('Fin', 'end_date'),
  endReason: col.text('Motif de fin', 'endReason'),
}

const EMPLOYEE_COLUMNS = [
  ...IDENTITY_COLUMNS,
  ...columnsOf(
    CONTRACT_COLUMNS,
    'contract',
    'jobTitle',
    'jobReference',
    'site',
    'start',
    'end',
    'partTime'
  ),
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
      columns: [col.text('Donnée', 'label', 30), col.text('Valeur', 'value', 40)],
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
      columns: columnsOf(
        CONTRACT_COLUMNS,
        'contract',
        'jobTitle',
        'jobReference',
        'qualification',
        'partTime',
        'site',
        'start',
        'end',
        'endReason'
      ),
      rows: file.contracts,
    },
    {
      name: 'Salaires',
      columns: [
        col.date('Date', 'effective_date'),
        col.text('Nature', 'kind'),
        col.money('Brut annuel équivalent temps plein', 'gross_annual_fte'),
        col.text('Commentaire', 'comment'),
      ],
      rows: file.salaries,
    },
    {
      name: 'Éléments de paie',
      columns: [
        col.date('Début de période', 'period_start'),
        col.date('Fin de période', 'period_end'),
        col.text('Nature', 'kindLabel', 40),
        col.money('Montant brut', 'amount'),
        col.text('Commentaire', 'comment'),
        col.text('Annulation', 'status', 40),
      ],
      rows: file.payComponents,
    },
    {
      name: 'Congés',
      columns: [col.text('Nature', 'kind'), CONTRACT_COLUMNS.start, CONTRACT_COLUMNS.end],
      rows: file.leaves,
    },
    {
      name: 'Formations',
      columns: [
        col.text('Action', 'title', 50),
        CONTRACT_COLUMNS.start,
        CONTRACT_COLUMNS.end,
        col.number('Jours', 'days', 1),
        col.number('Heures', 'hours', 1),
      ],
      rows: file.training,
    },
    {
      name: 'Temps par dispositif',
      columns: [
        col.date('Mois', 'month'),
        col.integer('Dispositif (id)', 'programme_id'),
        col.percent('Part du temps', 'share'),
      ],
      rows: file.allocations,
    },
  ])
}
