import { buildWorkbook } from '#support/spreadsheet/writer'
import type { EqualityIndex, PayGroup } from '#reports/hr/equality_index'
import { PAY_COMPONENT_INDEX_RULE, PAY_COMPONENT_KINDS } from '#vocabulary/hr'
import { codesOf } from '#vocabulary/labels'
import { col } from '#support/spreadsheet/columns'

const TREATMENT = {
  base: 'non ajouté : le salaire brut de base vient de l’historique des salaires',
  counted: 'ajouté au salaire brut de base',
  excluded: 'non retenu (exclu par la loi)',
} as const

/** A group's average pay of women and men: empty cells unless the workbook is `withPay`. */
const AVERAGE_PAY_COLUMNS = [
  col.money('Rémunération moyenne F', 'avgWomen'),
  col.money('Rémunération moyenne H', 'avgMen'),
]

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
        col.text('Indicateur', 'label', 60),
        col.text('Calculable', 'calculable'),
        col.number('Résultat', 'result', 1),
        col.integer('Points', 'points'),
        col.integer('Maximum', 'max'),
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
        col.text('Élément', 'label', 50),
        col.text('Dans l’index', 'treatment', 60),
        col.text('Enregistré sur la période', 'present'),
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
        col.text("Tranche d'âge", 'ageGroup'),
        col.text('Catégorie', 'category', 36),
        col.integer('Femmes', 'women'),
        col.integer('Hommes', 'men'),
        col.text('Groupe valide', 'valid'),
        ...AVERAGE_PAY_COLUMNS,
        col.number('Écart (%)', 'gap', 2),
        col.number('Écart après seuil (%)', 'adjustedGap', 2),
      ],
      rows: groups,
    },
  ])
}
