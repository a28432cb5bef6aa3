import { buildWorkbook } from '#support/spreadsheet/writer'
import type { ProgrammeTargets } from '#reports/activity/programme_targets'

/** A programme's targets of a year and its conventions' targets, one sheet each. */
export function programmeTargetsWorkbook(list: ProgrammeTargets) {
  return buildWorkbook([
    {
      name: `Objectifs ${list.year}`,
      columns: [
        { key: 'indicatorCode', header: 'Code indicateur', type: 'text', width: 30 },
        { key: 'indicator', header: 'Indicateur', type: 'text', width: 48 },
        { key: 'target', header: 'Objectif du dispositif', type: 'number', decimals: 2 },
        { key: 'proposed', header: 'Objectifs des conventions', type: 'number', decimals: 2 },
      ],
      rows: list.rows,
    },
    {
      name: `Conventions ${list.year}`,
      columns: [
        { key: 'indicatorCode', header: 'Code indicateur', type: 'text', width: 30 },
        { key: 'label', header: 'Indicateur', type: 'text', width: 48 },
        { key: 'target', header: 'Somme des objectifs', type: 'number', decimals: 2 },
        { key: 'grants', header: 'Conventions', type: 'text', width: 40 },
      ],
      rows: list.proposals,
    },
  ])
}
