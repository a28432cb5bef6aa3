import type JobReference from '#models/hr/job_reference'
import { buildWorkbook } from '#support/spreadsheet/writer'

/** The emplois repères, one row each. */
export function jobReferencesWorkbook(jobs: JobReference[]) {
  return buildWorkbook([
    {
      name: 'Emplois repères',
      columns: [
        { header: 'Code', key: 'code', type: 'text' },
        { header: 'Libellé', key: 'label', type: 'text', width: 40 },
        { header: 'Catégorie par défaut', key: 'defaultCsp', type: 'text' },
      ],
      rows: jobs.map((j) => ({ code: j.code, label: j.label, defaultCsp: j.defaultCsp })),
    },
  ])
}
