import Grant from '#models/grants/grant'
import Funder from '#models/grants/funder'
import Programme from '#models/activity/programme'
import { Report } from '#support/report'
import { FLAT_RATES, optionsOf } from '#vocabulary/grants'

/** What the convention's form offers: paying funders, programmes, flat rates (and the grant). */
export class GrantForm extends Report<{ grantId?: number }, Awaited<ReturnType<typeof load>>> {
  build() {
    return load(this.params.grantId)
  }
}

async function load(grantId?: number) {
  const grant = grantId
    ? await Grant.query().where('id', grantId).preload('programmes').firstOrFail()
    : null
  const funders = await Funder.query().whereNot('category', 'regroupement').orderBy('name')
  const programmes = await Programme.query().orderBy('name')
  return {
    grant,
    funderOptions: funders.map((f) => ({ value: f.id, label: f.name })),
    programmeOptions: programmes.map((p) => ({ value: p.id, label: p.name })),
    flatRateOptions: optionsOf(FLAT_RATES),
    selectedProgrammes: grant ? grant.programmes.map((p) => p.id) : [],
  }
}
