import { buildWorkbook } from '#support/spreadsheet/writer'
import {
  INTERN_COLUMNS,
  REGISTER_COLUMNS,
  type StaffRegisterResult,
} from '#reports/hr/staff_register'

/** Registre unique du personnel: the contracts' lines, then the interns. */
export function staffRegisterWorkbook(register: StaffRegisterResult) {
  return buildWorkbook([
    { name: 'Registre du personnel', columns: REGISTER_COLUMNS, rows: register.lines },
    { name: 'Stagiaires', columns: INTERN_COLUMNS, rows: register.interns },
  ])
}
