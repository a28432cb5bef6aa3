import { buildWorkbook } from '#support/spreadsheet/writer'
import type { EqualityIndex, PayGroup } from '#reports/hr/equality_index'
import { PAY_COMPONENT_INDEX_RULE, PAY_COMPONENT_KINDS } from '#vocabulary/hr'
import { codesOf } from '#vocabulary/labels'

const TREATMENT = {
  base: 'non ajouté : le salaire brut de base vient de l’historique des salaires',
  counted: 'ajouté au salaire brut de base',
  excluded: 'non retenu (exclu par la loi)',
} as const

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
      name: 'Rémunération retenue',
      columns: [
        { header: 'Élément', key: 'label', type: 'text', width: 50 },
        { header: 'Dans l’index', key: 'treatment', type: 'text', width: 60 },
        { header: 'Enregistré sur la période', key: 'present', type: 'text' },
      ],
      rows: [
        { label: 'Rémunération retenue', treatment: index.remuneration.label, present: null },
        ...codesOf(PAY_COMPONENT_KINDS).map((kind) => ({
          label: PAY_COMPONENT_KINDS[kind],
          treatment: TREATMENT[PAY_COMPONENT_INDEX_RULE[kind]],
          present:
            index.remuneration.counted.includes(kind) || index.remuneration.excluded.includes(kind)
              ? 'oui'
              : PAY_COMPONENT_INDEX_RULE[kind] === 'base'
                ? null
                : 'non',
        })),
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
