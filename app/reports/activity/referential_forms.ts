import Programme from '#models/activity/programme'
import Territory from '#models/activity/territory'
import { Report } from '#support/report'
import { PROGRAMME_LEVELS, TERRITORY_KINDS } from '#vocabulary/activity'

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }))

/** What the programme form shows: the programme being edited (none for a new one), the levels. */
export class ProgrammeForm extends Report<{ id: number | null }, ProgrammeFormData> {
  async build() {
    const programme = this.params.id === null ? null : await Programme.findOrFail(this.params.id)
    return { programme, levelOptions: options(PROGRAMME_LEVELS) }
  }
}

export interface ProgrammeFormData {
  programme: Programme | null
  levelOptions: Array<{ value: string; label: string }>
}

/** What the territory form shows: the territory, the kinds and the antennas it may hang under. */
export class TerritoryForm extends Report<{ id: number | null }, TerritoryFormData> {
  async build() {
    const territory = this.params.id === null ? null : await Territory.findOrFail(this.params.id)
    const antennas = await Territory.query().where('kind', 'antenna').orderBy('name')
    return {
      territory,
      kindOptions: options(TERRITORY_KINDS),
      parentOptions: [
        { value: '' as string | number, label: '— aucune (antenne) —' },
        ...antennas
          .filter((a) => a.id !== territory?.id)
          .map((a) => ({ value: a.id as string | number, label: a.name })),
      ],
    }
  }
}

export interface TerritoryFormData {
  territory: Territory | null
  kindOptions: Array<{ value: string; label: string }>
  parentOptions: Array<{ value: string | number; label: string }>
}
