import type { Decimal } from 'decimal.js'
import { toMoney, ZERO } from '#support/money'
import { INDICATOR_CATALOGUE } from '#reference/indicator_catalogue'
import { BREAKDOWNS } from '#vocabulary/activity'
import { labelOf } from '#vocabulary/labels'
import type { ActivityValues, ValueCell } from '#reports/activity/activity_values'
import {
  compare,
  formatCount,
  missing,
  type CheckContext,
  type CheckDefinition,
  type CheckResult,
  type DetailLine,
} from '#reconciliation/types'

/** Indicators whose breakdown lists only some modalities: no sum expected. */
const PARTIAL_BREAKDOWNS = new Set(
  INDICATOR_CATALOGUE.filter((entry) => entry.partial).map((e) => e.code)
)

function line(cell: ValueCell, label?: string): DetailLine {
  return {
    label:
      label ??
      [cell.indicatorLabel, cell.programmeName, cell.territoryName, cell.modality]
        .filter(Boolean)
        .join(' · '),
    value: cell.value.toNumber(),
    source: cell.importId
      ? `import n° ${cell.importId} (${cell.sourceFile ?? ''})`
      : (cell.sourceFile ?? cell.source),
    link: { route: 'activity.values', qs: { annee: cell.year, indicateur: cell.indicator } },
  }
}

function sumOf(cells: ValueCell[]) {
  return cells.reduce((sum, cell) => sum.plus(cell.value), ZERO)
}

/** Parts against their total, with the explanation the page shows. */
function partsResult(
  checkId: string,
  title: string,
  total: ValueCell,
  parts: ValueCell[],
  partLabel: string
): CheckResult {
  const actual = sumOf(parts)
  const { status, difference } = compare(total.value, actual)
  return {
    checkId,
    title,
    status,
    expected: total.value,
    actual,
    difference,
    tolerance: 0,
    unit: total.unit,
    explanation:
      status === 'ok'
        ? null
        : `La somme des ${parts.length} ${partLabel} (${formatCount(actual)}) ${difference.isNegative() ? 'est inférieure de' : 'dépasse de'} ${formatCount(difference.abs())} ${difference.isNegative() ? 'au' : 'le'} total (${formatCount(total.value)}).`,
    inputs: { total: total.id, parts: parts.map((p) => p.id) },
    details: [line(total, `Total : ${total.indicatorLabel}`), ...parts.map((p) => line(p))],
  }
}

/** Parts against their total, or missing data when there is no total. */
function partsOrMissing(
  id: string,
  title: string,
  total: ValueCell | null,
  parts: ValueCell[],
  partLabel: string,
  noTotal: string
) {
  return total ? partsResult(id, title, total, parts, partLabel) : missing(id, title, noTotal)
}

/** Values of the indicator in each of the territories that have one. */
function territoryCells(
  data: ActivityValues,
  indicator: string,
  territories: Array<{ code: string }>,
  year = data.year
) {
  return territories
    .map((territory) => data.cell(indicator, { territory: territory.code }, year))
    .filter((cell): cell is ValueCell => cell !== null)
}

/** Two counts of the same people from two sources: they must be equal. */
function countResult(
  checkId: string,
  title: string,
  expected: ValueCell,
  actual: ValueCell,
  explain: (difference: Decimal) => string,
  details: DetailLine[]
): CheckResult {
  const { status, difference } = compare(expected.value, actual.value)
  return {
    checkId,
    title,
    status,
    expected: expected.value,
    actual: actual.value,
    difference,
    tolerance: 0,
    unit: 'count',
    explanation: status === 'ok' ? null : explain(difference),
    details,
  }
}

/** The same part (programme, territory, modality) of a total in another year. */
const samePart = (part: ValueCell) => (other: ValueCell) =>
  other.programmeCode === part.programmeCode &&
  other.territoryCode === part.territoryCode &&
  other.modality === part.modality

/** Shares that should add up to 100 %: a gap of half a point per share is rounding. */
function sharesResult(checkId: string, title: string, parts: ValueCell[]): CheckResult {
  const actual = sumOf(parts)
  const tolerance = toMoney(parts.length).times(0.5)
  const { status, difference } = compare(100, actual, tolerance)
  return {
    checkId,
    title,
    status,
    expected: 100,
    actual,
    difference,
    tolerance,
    unit: 'percent',
    explanation:
      status === 'ok'
        ? null
        : status === 'rounding'
          ? `Les ${parts.length} parts arrondies totalisent ${formatCount(actual)} % : écart d'arrondi.`
          : `Les parts totalisent ${formatCount(actual)} %, au-delà de l'arrondi (±${formatCount(tolerance)}).`,
    inputs: { parts: parts.map((p) => p.id) },
    details: parts.map((p) => line(p)),
  }
}

/** The (programme, territory) scopes in which an indicator has values of a breakdown. */
function scopesOf(data: ActivityValues, indicator: string, breakdown: string, year = data.year) {
  const scopes = new Map<string, { programme: string | null; territory: string | null }>()
  for (const cell of data.cells) {
    if (cell.indicator !== indicator || cell.year !== year || cell.breakdown !== breakdown) continue
    scopes.set(`${cell.programmeCode}|${cell.territoryCode}`, {
      programme: cell.programmeCode,
      territory: cell.territoryCode,
    })
  }
  return [...scopes.values()]
}

/** Every family of parts and total of a year: breakdowns, antennas, areas of an antenna. */
function families(data: ActivityValues) {
  const list: Array<{
    id: string
    title: string
    total: (year: number) => ValueCell | null
    parts: (year: number) => ValueCell[]
  }> = []
  for (const indicator of indicatorsWithValues(data)) {
    const label = data.cells.find((c) => c.indicator === indicator)!.indicatorLabel
    if (!PARTIAL_BREAKDOWNS.has(indicator)) {
      for (const breakdown of data.breakdownsOf(indicator)) {
        for (const scope of scopesOf(data, indicator, breakdown)) {
          if (data.modalities(indicator, breakdown, scope)[0]?.unit === 'percent') continue
          list.push({
            id: [indicator, scope.programme, scope.territory, breakdown].filter(Boolean).join(':'),
            title: `${label} par ${labelOf(BREAKDOWNS, breakdown).toLowerCase()}`,
            total: (year) => data.cell(indicator, scope, year),
            parts: (year) => data.modalities(indicator, breakdown, scope, year),
          })
        }
      }
    }
    const antennas = data.antennas()
    list.push({
      id: `${indicator}:antennes`,
      title: `${label} : antennes`,
      total: (year) => data.cell(indicator, {}, year),
      parts: (year) => territoryCells(data, indicator, antennas, year),
    })
    for (const antenna of antennas) {
      list.push({
        id: `${indicator}:${antenna.code}`,
        title: `${label} : secteurs de ${antenna.name}`,
        total: (year) => data.cell(indicator, { territory: antenna.code }, year),
        parts: (year) => territoryCells(data, indicator, data.areasOf(antenna), year),
      })
    }
  }
  return list
}

function indicatorsWithValues(data: ActivityValues) {
  return [...new Set(data.cells.filter((c) => c.year === data.year).map((c) => c.indicator))]
}

/**
 * A check of the activity family: `run` reads the activity values of the year and returns the
 * results (the check's id and year are given along).
 */
function activityCheck(
  definition: Pick<CheckDefinition, 'id' | 'description' | 'inputs' | 'tolerance'>,
  run: (data: ActivityValues, check: { id: string; year: number }) => CheckResult[]
): CheckDefinition {
  return {
    ...definition,
    family: 'activity',
    domain: 'activity',
    async run(context: CheckContext) {
      return run(await context.activity(), { id: definition.id, year: context.year })
    },
  }
}

export const activityChecks: CheckDefinition[] = [
  activityCheck(
    {
      id: 'activity.breakdown_vs_total',
      description:
        "Chaque ventilation d'un indicateur (âge, niveau, logement, année de premier accueil, type de contrat, financement...) totalise l'indicateur ; des parts en % totalisent 100 %.",
      inputs: ['indicator_values (année, indicateur, ventilation, modalité)'],
      tolerance: 'Effectifs : aucune. Parts en % : 0,5 point par part (arrondis).',
    },
    (data, check) => {
      if (data.isEmpty) {
        return [
          missing(
            check.id,
            'Ventilations des indicateurs',
            `Aucune valeur d'activité pour ${check.year}.`
          ),
        ]
      }
      const results: CheckResult[] = []
      for (const indicator of indicatorsWithValues(data)) {
        if (PARTIAL_BREAKDOWNS.has(indicator)) continue
        for (const breakdown of data.breakdownsOf(indicator)) {
          for (const scope of scopesOf(data, indicator, breakdown)) {
            const parts = data.modalities(indicator, breakdown, scope)
            if (parts.length === 0) continue
            const subject = parts[0].programmeName ?? parts[0].territoryName
            const label = `${parts[0].indicatorLabel}${subject ? ` (${subject})` : ''} par ${labelOf(BREAKDOWNS, breakdown).toLowerCase()}`
            const id = [check.id, indicator, scope.programme, scope.territory, breakdown]
              .filter(Boolean)
              .join(':')
            if (parts[0].unit === 'percent') {
              results.push(sharesResult(id, `${label} : total des parts`, parts))
              continue
            }
            const total = data.cell(indicator, scope)
            const noTotal = `Le total de « ${parts[0].indicatorLabel} »${subject ? ` (${subject})` : ''} manque pour ${check.year}.`
            results.push(
              total
                ? partsResult(id, `${label} = total`, total, parts, 'modalités')
                : missing(id, label, noTotal)
            )
          }
        }
      }
      return results
    }
  ),
  activityCheck(
    {
      id: 'activity.territories_vs_total',
      description: "La somme des antennes d'un indicateur territorialisé égale son total.",
      inputs: ['indicator_values par territoire (antennes)', 'indicator_values total'],
      tolerance: 'Aucune (effectifs).',
    },
    (data, check) => {
      const results: CheckResult[] = []
      for (const indicator of indicatorsWithValues(data)) {
        const parts = territoryCells(data, indicator, data.antennas())
        if (parts.length === 0) continue
        const { indicatorLabel } = parts[0]
        results.push(
          partsOrMissing(
            `${check.id}:${indicator}`,
            `${indicatorLabel} : somme des antennes = total`,
            data.cell(indicator),
            parts,
            'antennes',
            `Le total de « ${indicatorLabel} » manque.`
          )
        )
      }
      if (results.length === 0) {
        results.push(
          missing(check.id, 'Territoires', `Aucune valeur par territoire pour ${check.year}.`)
        )
      }
      return results
    }
  ),
  activityCheck(
    {
      id: 'activity.areas_vs_antenna',
      description:
        "La somme des secteurs (quartiers, EPCI, communes) d'une antenne égale la valeur de l'antenne.",
      inputs: ['indicator_values par territoire (secteurs et antenne)'],
      tolerance: 'Aucune (effectifs).',
    },
    (data, check) => {
      const results: CheckResult[] = []
      for (const indicator of indicatorsWithValues(data)) {
        for (const antenna of data.antennas()) {
          const parts = territoryCells(data, indicator, data.areasOf(antenna))
          if (parts.length === 0) continue
          results.push(
            partsOrMissing(
              `${check.id}:${indicator}:${antenna.code}`,
              `${parts[0].indicatorLabel} : secteurs de ${antenna.name} = antenne`,
              data.cell(indicator, { territory: antenna.code }),
              parts,
              'secteurs',
              `La valeur de l'antenne ${antenna.name} manque.`
            )
          )
        }
      }
      return results
    }
  ),
  activityCheck(
    {
      id: 'activity.first_welcome_year',
      description:
        "Les jeunes accompagnés dont l'année de premier accueil est l'année du rapport sont les primo-accueillis de l'année.",
      inputs: ['jeunes_accompagnes par année de premier accueil', 'primo_accueillis'],
      tolerance: 'Aucune (effectifs).',
    },
    (data, check) => {
      const sameYear = data.cell('jeunes_accompagnes', {
        breakdown: 'first_welcome_year',
        modality: String(check.year),
      })
      const firstWelcomes = data.cell('primo_accueillis')
      const title = `Jeunes accompagnés entrés en ${check.year} = primo-accueillis ${check.year}`
      if (!sameYear || !firstWelcomes) {
        return [
          missing(
            check.id,
            title,
            'La ventilation par année de premier accueil ou le nombre de primo-accueillis manque.'
          ),
        ]
      }
      return [
        countResult(
          check.id,
          title,
          firstWelcomes,
          sameYear,
          (difference) =>
            `${formatCount(sameYear.value)} jeunes accompagnés ont un premier accueil en ${check.year}, pour ${formatCount(firstWelcomes.value)} primo-accueillis publiés (écart ${formatCount(difference)}).`,
          [line(firstWelcomes), line(sameYear)]
        ),
      ]
    }
  ),
  activityCheck(
    {
      id: 'activity.programme_two_sources',
      description:
        "Le nombre de bénéficiaires d'un dispositif dans le tableau des dispositifs égale celui de sa page de présentation.",
      inputs: ['beneficiaires_dispositif', 'dispositif_accompagnes'],
      tolerance: 'Aucune (effectifs).',
    },
    (data, check) => {
      const results: CheckResult[] = []
      for (const programme of data.programmes) {
        const table = data.cell('beneficiaires_dispositif', { programme: programme.code })
        const page = data.cell('dispositif_accompagnes', { programme: programme.code })
        if (!table || !page) continue
        results.push(
          countResult(
            `${check.id}:${programme.code}`,
            `${programme.name} : tableau des dispositifs = page du dispositif`,
            table,
            page,
            (difference) =>
              `Le tableau des dispositifs compte ${formatCount(table.value)} bénéficiaires, la page du dispositif ${formatCount(page.value)} (écart ${formatCount(difference)}).`,
            [line(table, 'Tableau des dispositifs'), line(page, 'Page du dispositif')]
          )
        )
      }
      return results
    }
  ),
  activityCheck(
    {
      id: 'activity.evolution_parts_vs_total',
      description:
        "L'évolution N/N-1 d'un total (indicateur, antenne) est celle de la somme de ses parties (modalités, antennes, secteurs) présentes les deux années.",
      inputs: ['indicator_values N et N-1 (total et parties)'],
      tolerance: "1 point : les évolutions publiées sont arrondies à l'unité.",
    },
    (data, check) => {
      const results: CheckResult[] = []
      const previous = data.year - 1
      for (const family of families(data)) {
        const total = family.total(data.year)
        const totalBefore = family.total(previous)
        if (!total || !totalBefore || totalBefore.value.isZero()) continue
        const before = family.parts(previous)
        const now = family.parts(data.year).filter((part) => before.some(samePart(part)))
        if (now.length < 2) continue
        const sumNow = sumOf(now)
        const sumBefore = sumOf(before.filter((part) => now.some(samePart(part))))
        if (sumBefore.isZero()) continue
        const totalEvolution = total.value
          .minus(totalBefore.value)
          .div(totalBefore.value)
          .times(100)
        const partsEvolution = sumNow.minus(sumBefore).div(sumBefore).times(100)
        const difference = partsEvolution.minus(totalEvolution).toDecimalPlaces(2)
        const status = difference.abs().lte(0.1)
          ? 'ok'
          : difference.abs().lte(1)
            ? 'rounding'
            : 'discrepancy'
        const pct = (d: Decimal) =>
          `${d.isNegative() ? '' : '+'}${formatCount(d.toDecimalPlaces(1))} %`
        results.push({
          checkId: `${check.id}:${family.id}`,
          title: `${family.title} : évolution ${previous}-${data.year} du total et des parties`,
          status,
          expected: totalEvolution.toDecimalPlaces(2),
          actual: partsEvolution.toDecimalPlaces(2),
          difference,
          tolerance: 1,
          unit: 'percent',
          explanation:
            status === 'ok'
              ? null
              : `Le total évolue de ${pct(totalEvolution)} (${formatCount(totalBefore.value)} → ${formatCount(total.value)}) mais ses ${now.length} parties de ${pct(partsEvolution)} (${formatCount(sumBefore)} → ${formatCount(sumNow)}).`,
          details: [total, totalBefore, ...now, ...before].map((c) => ({
            ...line(c),
            label: `${c.year} · ${line(c).label}`,
          })),
        })
      }
      return results
    }
  ),
  activityCheck(
    {
      id: 'activity.first_welcome_year_labels',
      description:
        "Les années de premier accueil couvrent chaque année sans trou, de la tranche « Avant AAAA » jusqu'à l'année du rapport.",
      inputs: ['jeunes_accompagnes par année de premier accueil'],
      tolerance: 'Aucune.',
    },
    (data, check) => {
      const cells = data.modalities('jeunes_accompagnes', 'first_welcome_year')
      const title = 'Années de premier accueil sans trou'
      if (cells.length === 0)
        return [missing(check.id, title, 'Pas de ventilation par année de premier accueil.')]
      const years = new Set<number>()
      let before: number | null = null
      for (const cell of cells) {
        const m = /^(avant|before)\s+(\d{4})$/i.exec(cell.modality?.trim() ?? '')
        if (m) before = Number(m[2])
        else if (/^\d{4}$/.test(cell.modality?.trim() ?? '')) years.add(Number(cell.modality))
      }
      const first = before ?? Math.min(...years)
      const gaps: number[] = []
      for (let y = first; y <= check.year; y++) if (!years.has(y)) gaps.push(y)
      return [
        {
          checkId: check.id,
          title,
          status: gaps.length ? 'discrepancy' : 'ok',
          expected: check.year - first + 1,
          actual: check.year - first + 1 - gaps.length,
          difference: -gaps.length,
          unit: 'count',
          explanation: gaps.length
            ? `Aucune ligne pour ${gaps.join(', ')}${before ? ` (la première tranche est « Avant ${before} »)` : ''} : ces jeunes sont comptés ailleurs ou manquent.`
            : null,
          details: cells.map((c) => line(c)),
        },
      ]
    }
  ),
]
