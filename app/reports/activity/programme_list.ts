import { toMoney } from '#support/money'
import db from '@adonisjs/lucid/services/db'
import { ActivityValuesReport } from '#reports/activity/activity_values'
import { ActivityYear } from '#reports/activity/activity_year'
import { evolution } from '#reports/activity/evolution'
import { NotFoundError } from '#support/domain_errors'
import { Report } from '#support/report'
import type { Tenant } from '#support/request_context'
import { PROGRAMME_LEVELS, TERRITORY_KINDS } from '#vocabulary/activity'
import { labelOf } from '#vocabulary/labels'

type YearParams = { year?: number }

/** Programmes with their figures of the year: the table's value and the page's. */
export class ProgrammeList extends Report<YearParams, Awaited<ReturnType<typeof programmeList>>> {
  async build() {
    return programmeList(
      this.tenant,
      await new ActivityYear(this.tenant, { year: this.params.year }).build()
    )
  }
}

/** One programme's page: every figure stored for it in the year, and its targets. */
export class ProgrammePage extends Report<
  YearParams & { code: string },
  NonNullable<Awaited<ReturnType<typeof programmePage>>>
> {
  async build() {
    const year = await new ActivityYear(this.tenant, { year: this.params.year }).build()
    const page = await programmePage(this.tenant, this.params.code, year)
    if (!page) throw new NotFoundError('Dispositif inconnu.')
    return page
  }
}

/** Antennas and their areas, with the young people supported in the year. */
export class TerritoryList extends Report<YearParams, Awaited<ReturnType<typeof territoryList>>> {
  async build() {
    return territoryList(
      this.tenant,
      await new ActivityYear(this.tenant, { year: this.params.year }).build()
    )
  }
}

async function programmeList(tenant: Tenant, year: number) {
  const organisationId = tenant.organisationId
  const data = await new ActivityValuesReport(tenant, { year }).build()
  const funders = await db
    .from('programmes')
    .where('organisation_id', organisationId)
    .select('code', 'funder_names')
  const funderOf = new Map(funders.map((f) => [f.code, f.funder_names as string | null]))
  return {
    year,
    rows: data.programmes.map((p) => {
      const now = data.value('beneficiaires_dispositif', { programme: p.code })
      const before = data.value('beneficiaires_dispositif', { programme: p.code }, year - 1)
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        level: labelOf(PROGRAMME_LEVELS, p.level),
        fse: p.fseCofinanced ? 'oui' : 'non',
        funders: funderOf.get(p.code) ?? null,
        beneficiaries: now,
        previous: before,
        evolution: evolution(now, before),
        pageSupported: data.value('dispositif_accompagnes', { programme: p.code }),
      }
    }),
  }
}

async function programmePage(tenant: Tenant, code: string, year: number) {
  const organisationId = tenant.organisationId
  const data = await new ActivityValuesReport(tenant, { year }).build()
  const programme = data.programmes.find((p) => p.code === code)
  if (!programme) return null
  const figures = data.cells
    .filter((c) => c.programmeCode === code && c.year === year)
    .map((c) => ({
      indicator: c.indicatorLabel,
      modality: c.modality,
      value: c.value,
      previous: data.value(
        c.indicator,
        { programme: code, breakdown: c.breakdown, modality: c.modality },
        year - 1
      ),
    }))
  const targets = await db
    .from('programme_targets as t')
    .join('indicators as i', 'i.id', 't.indicator_id')
    .where('t.organisation_id', organisationId)
    .where('t.programme_id', programme.id)
    .where('t.year', year)
    .select('i.code', 'i.label', 't.target')
  return {
    year,
    programme: {
      ...programme,
      levelLabel: labelOf(PROGRAMME_LEVELS, programme.level),
    },
    figures,
    targets: targets.map((t) => ({
      label: t.label as string,
      target: toMoney(t.target),
      actual: data.value(t.code, { programme: code }),
    })),
  }
}

async function territoryList(tenant: Tenant, year: number) {
  const data = await new ActivityValuesReport(tenant, { year }).build()
  const rows = data.antennas().flatMap((antenna) => [
    {
      id: antenna.id,
      antenna: antenna.name,
      name: antenna.name,
      kind: TERRITORY_KINDS.antenna,
      code: antenna.code,
      young: data.value('jeunes_accompagnes', { territory: antenna.code }),
      isArea: false,
    },
    ...data.areasOf(antenna).map((area) => ({
      id: area.id,
      antenna: antenna.name,
      name: area.name,
      kind: labelOf(TERRITORY_KINDS, area.kind),
      code: area.code,
      young: data.value('jeunes_accompagnes', { territory: area.code }),
      isArea: true,
    })),
  ])
  return { year, rows }
}
