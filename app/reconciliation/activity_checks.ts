import { Decimal } from 'decimal.js'
import { INDICATOR_CATALOGUE } from '#actions/activity/indicator_catalogue'
import { BREAKDOWN_LABELS } from '#models/activity/indicator'
import type { ActivityValues, ValueCell } from '#reports/activity/activity_values'
import {
  compare,
  formatCount,
  missing,
  type CheckDefinition,
  type CheckResult,
  type DetailLine,
} from '#reconciliation/types'

/** Indicators whose breakdown lists only the main modalities (top sectors): no sum expected. */
const PARTIAL_BREAKDOWNS = new Set(
  INDICATOR_CATALOGUE.filter((entry) => entry.code === 'part_contrats_secteur').map((e) => e.code)
)

function line(cell: ValueCell, label?: string): DetailLine {
  return {
    label:
      label ??
      [cell.indicatorLabel, cell.programmeName, cell.territoryName, cell.modality]
        .filter(Boolean)
        .join(' · '),
    value: cell.value.toNumber(),
    source: cell.importId ? `import n° ${cell.importId} (${cell.sourceFile ?? ''})` : (cell.sourceFile ?? cell.source),
    href: `/activite/valeurs?annee=${cell.year}&indicateur=${encodeURIComponent(cell.indicator)}`,
  }
}

function sumOf(cells: ValueCell[]) {
  return cells.reduce((sum, cell) => sum.plus(cell.value), new Decimal(0))
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

/** Shares that should add up to 100 %: a gap of half a point per share is rounding. */
function sharesResult(checkId: string, title: string, parts: ValueCell[]): CheckResult {
  const actual = sumOf(parts)
  const tolerance = new Decimal(parts.length).times(0.5)
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

function indicatorsWithValues(data: ActivityValues) {
  return [...new Set(data.cells.filter((c) => c.year === data.year).map((c) => c.indicator))]
}

export const activityChecks: CheckDefinition[] = [
  {
    id: 'activity.breakdown_vs_total',
    family: 'activity',
    domain: 'activity',
    description:
      "Chaque ventilation d'un indicateur (âge, niveau, logement, année de premier accueil, type de contrat, financement...) totalise l'indicateur ; des parts en % totalisent 100 %.",
    inputs: ['indicator_values (année, indicateur, ventilation, modalité)'],
    tolerance: 'Effectifs : aucune. Parts en % : 0,5 point par part (arrondis).',
    async run(context) {
      const data = await context.activity()
      if (data.isEmpty) {
        return [missing(this.id, 'Ventilations des indicateurs', `Aucune valeur d'activité pour ${context.year}.`)]
      }
      const results: CheckResult[] = []
      for (const indicator of indicatorsWithValues(data)) {
        if (PARTIAL_BREAKDOWNS.has(indicator)) continue
        for (const breakdown of data.breakdownsOf(indicator)) {
          const parts = data.modalities(indicator, breakdown)
          if (parts.length === 0) continue
          const label = `${parts[0].indicatorLabel} par ${(BREAKDOWN_LABELS[breakdown] ?? breakdown).toLowerCase()}`
          const id = `${this.id}:${indicator}:${breakdown}`
          if (parts[0].unit === 'percent') {
            results.push(sharesResult(id, `${label} : total des parts`, parts))
            continue
          }
          const total = data.cell(indicator)
          if (!total) {
            results.push(missing(id, label, `Le total de « ${parts[0].indicatorLabel} » manque pour ${context.year}.`))
            continue
          }
          results.push(partsResult(id, `${label} = total`, total, parts, 'modalités'))
        }
      }
      return results
    },
  },
  {
    id: 'activity.territories_vs_total',
    family: 'activity',
    domain: 'activity',
    description: "La somme des antennes d'un indicateur territorialisé égale son total.",
    inputs: ['indicator_values par territoire (antennes)', 'indicator_values total'],
    tolerance: 'Aucune (effectifs).',
    async run(context) {
      const data = await context.activity()
      const results: CheckResult[] = []
      for (const indicator of indicatorsWithValues(data)) {
        const parts = data
          .antennas()
          .map((antenna) => data.cell(indicator, { territory: antenna.code }))
          .filter((cell): cell is ValueCell => cell !== null)
        if (parts.length === 0) continue
        const id = `${this.id}:${indicator}`
        const title = `${parts[0].indicatorLabel} : somme des antennes = total`
        const total = data.cell(indicator)
        if (!total) {
          results.push(missing(id, title, `Le total de « ${parts[0].indicatorLabel} » manque.`))
          continue
        }
        results.push(partsResult(id, title, total, parts, 'antennes'))
      }
      if (results.length === 0) {
        results.push(missing(this.id, 'Territoires', `Aucune valeur par territoire pour ${context.year}.`))
      }
      return results
    },
  },
  {
    id: 'activity.areas_vs_antenna',
    family: 'activity',
    domain: 'activity',
    description: "La somme des secteurs (quartiers, EPCI, communes) d'une antenne égale la valeur de l'antenne.",
    inputs: ['indicator_values par territoire (secteurs et antenne)'],
    tolerance: 'Aucune (effectifs).',
    async run(context) {
      const data = await context.activity()
      const results: CheckResult[] = []
      for (const indicator of indicatorsWithValues(data)) {
        for (const antenna of data.antennas()) {
          const parts = data
            .areasOf(antenna)
            .map((area) => data.cell(indicator, { territory: area.code }))
            .filter((cell): cell is ValueCell => cell !== null)
          if (parts.length === 0) continue
          const id = `${this.id}:${indicator}:${antenna.code}`
          const title = `${parts[0].indicatorLabel} : secteurs de ${antenna.name} = antenne`
          const total = data.cell(indicator, { territory: antenna.code })
          if (!total) {
            results.push(missing(id, title, `La valeur de l'antenne ${antenna.name} manque.`))
            continue
          }
          results.push(partsResult(id, title, total, parts, 'secteurs'))
        }
      }
      return results
    },
  },
  {
    id: 'activity.first_welcome_year',
    family: 'activity',
    domain: 'activity',
    description:
      "Les jeunes accompagnés dont l'année de premier accueil est l'année du rapport sont les primo-accueillis de l'année.",
    inputs: ['jeunes_accompagnes par année de premier accueil', 'primo_accueillis'],
    tolerance: 'Aucune (effectifs).',
    async run(context) {
      const data = await context.activity()
      const sameYear = data.cell('jeunes_accompagnes', {
        breakdown: 'first_welcome_year',
        modality: String(context.year),
      })
      const firstWelcomes = data.cell('primo_accueillis')
      const title = `Jeunes accompagnés entrés en ${context.year} = primo-accueillis ${context.year}`
      if (!sameYear || !firstWelcomes) {
        return [missing(this.id, title, "La ventilation par année de premier accueil ou le nombre de primo-accueillis manque.")]
      }
      const { status, difference } = compare(firstWelcomes.value, sameYear.value)
      return [
        {
          checkId: this.id,
          title,
          status,
          expected: firstWelcomes.value,
          actual: sameYear.value,
          difference,
          tolerance: 0,
          unit: 'count',
          explanation:
            status === 'ok'
              ? null
              : `${formatCount(sameYear.value)} jeunes accompagnés ont un premier accueil en ${context.year}, pour ${formatCount(firstWelcomes.value)} primo-accueillis publiés (écart ${formatCount(difference)}).`,
          details: [line(firstWelcomes), line(sameYear)],
        },
      ]
    },
  },
  {
    id: 'activity.programme_two_sources',
    family: 'activity',
    domain: 'activity',
    description:
      "Le nombre de bénéficiaires d'un dispositif dans le tableau des dispositifs égale celui de sa page de présentation.",
    inputs: ['beneficiaires_dispositif', 'dispositif_accompagnes'],
    tolerance: 'Aucune (effectifs).',
    async run(context) {
      const data = await context.activity()
      const results: CheckResult[] = []
      for (const programme of data.programmes) {
        const table = data.cell('beneficiaires_dispositif', { programme: programme.code })
        const page = data.cell('dispositif_accompagnes', { programme: programme.code })
        if (!table || !page) continue
        const { status, difference } = compare(table.value, page.value)
        results.push({
          checkId: `${this.id}:${programme.code}`,
          title: `${programme.name} : tableau des dispositifs = page du dispositif`,
          status,
          expected: table.value,
          actual: page.value,
          difference,
          tolerance: 0,
          unit: 'count',
          explanation:
            status === 'ok'
              ? null
              : `Le tableau des dispositifs compte ${formatCount(table.value)} bénéficiaires, la page du dispositif ${formatCount(page.value)} (écart ${formatCount(difference)}).`,
          details: [line(table, 'Tableau des dispositifs'), line(page, 'Page du dispositif')],
        })
      }
      return results
    },
  },
]
