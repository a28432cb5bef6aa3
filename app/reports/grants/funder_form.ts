import Funder from '#models/grants/funder'
import { Report } from '#support/report'
import { FUNDER_CATEGORIES, optionsOf } from '#vocabulary/grants'

/** What the funder's form offers: categories and the possible parents (and the funder). */
export class FunderForm extends Report<{ funderId?: number }, Awaited<ReturnType<typeof load>>> {
  build() {
    return load(this.params.funderId)
  }
}

async function load(funderId?: number) {
  const funder = funderId ? await Funder.findOrFail(funderId) : null
  const parents = await Funder.query().orderBy('name')
  return {
    funder,
    categoryOptions: optionsOf(FUNDER_CATEGORIES),
    parentOptions: [
      { value: '' as string | number, label: '— aucun —' },
      ...parents.filter((p) => p.id !== funder?.id).map((p) => ({ value: p.id, label: p.name })),
    ],
  }
}
