import type JobReference from '#models/hr/job_reference'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'

/** The emplois repères, one row each. */
export function jobReferencesWorkbook(jobs: JobReference[]) {
  return buildWorkbook([
    {
      name: 'Emplois repères',
      columns: [
        col.text('Code', 'code'),
        col.text('Libellé', 'label', 40),
        col.text('Catégorie par défaut', 'defaultCsp'),
      ],
      rows: jobs.map((j) => ({ code: j.code, label: j.label, defaultCsp: j.defaultCsp })),
    },
  ])
}
