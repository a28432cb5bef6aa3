import { buildWorkbook } from '#support/spreadsheet/writer'
import type { ProgrammeTargets } from '#reports/activity/programme_targets'
import { col } from '#support/spreadsheet/columns'

/** A programme's targets of a year and its conventions' targets, one sheet each. */
export function programmeTargetsWorkbook(list: ProgrammeTargets) {
  return buildWorkbook([
    {
      name: `Objectifs ${list.year}`,
      columns: [
        col.text('Code indicateur', 'indicatorCode', 30),
        col.text('Indicateur', 'indicator', 48),
        col.number('Objectif du dispositif', 'target', 2),
        col.number('Objectifs des conventions', 'proposed', 2),
      ],
      rows: list.rows,
    },
    {
      name: `Conventions ${list.year}`,
      columns: [
        col.text('Code indicateur', 'indicatorCode', 30),
        col.text('Indicateur', 'label', 48),
        col.number('Somme des objectifs', 'target', 2),
        col.text('Conventions', 'grants', 40),
      ],
      rows: list.proposals,
    },
  ])
}
