import { buildWorkbook } from '#support/spreadsheet/writer'
import type { EqualityIndex, PayGroup } from '#reports/hr/equality_index'

/** `withPay`: group averages are shown to HR only (they come close to individual pay). */
export function equalityWorkbook(index: EqualityIndex, withPay: boolean) {
  const groups = (index.indicators[0].detail.groups as PayGroup[]).map((g) => ({
    ...g,
    valid: g.valid ? 'oui' : 'non',
    avgWomen: withPay ? g.avgWomen : null,
    avgMen: withPay ? g.avgMen : null,
  }))
  return buildWorkbook([
    {
      name: 'Index',
      columns: [
        { header: 'Indicateur', key: 'label', type: 'text', width: 60 },
        { header: 'Calculable', key: 'calculable', type: 'text' },
        { header: 'Résultat', key: 'result', type: 'number', decimals: 1 },
        { header: 'Points', key: 'points', type: 'integer' },
        { header: 'Maximum', key: 'max', type: 'integer' },
      ],
      rows: [
        ...index.indicators.map((i) => ({
          ...i,
          calculable: i.calculable ? 'oui' : `non : ${i.reason}`,
        })),
        {
          label: 'Index (sur 100)',
          calculable: index.calculable ? 'oui' : 'non',
          points: index.index,
          max: 100,
        },
      ],
    },
    {
      name: 'Indicateur 1 par groupe',
      columns: [
        { header: "Tranche d'âge", key: 'ageGroup', type: 'text' },
        { header: 'Catégorie', key: 'category', type: 'text', width: 36 },
        { header: 'Femmes', key: 'women', type: 'integer' },
        { header: 'Hommes', key: 'men', type: 'integer' },
        { header: 'Groupe valide', key: 'valid', type: 'text' },
        { header: 'Rémunération moyenne F', key: 'avgWomen', type: 'money' },
        { header: 'Rémunération moyenne H', key: 'avgMen', type: 'money' },
        { header: 'Écart (%)', key: 'gap', type: 'number', decimals: 2 },
        { header: 'Écart après seuil (%)', key: 'adjustedGap', type: 'number', decimals: 2 },
      ],
      rows: groups,
    },
  ])
}
