import { DateTime } from 'luxon'
import type { ImportDefinition, ImportIssue } from '#imports/core/pipeline'
import { vocabularyAliases, optionalColumn, requiredColumn } from '#imports/core/row_reader'
import { PUBLISHED_UNITS } from '#vocabulary/reconciliation'
import { storePublishedReport, type PublishedLine } from '#reconciliation/published_format'

/**
 * A year's published tables (the report as printed), one printed figure per row: année,
 * domaine, tableau, ligne, colonne, valeur, texte, unité (docs/imports/rapport-publie.md).
 * The lines of each domain of the file replace that domain's published lines for the year;
 * the reconciliation of the year then runs once the import is committed.
 */
interface Row extends PublishedLine {
  year: number
}

/** The units of the vocabulary, by code or label ("nombre", "euros"...), and "effectif". */
const UNITS = vocabularyAliases(PUBLISHED_UNITS, { effectif: 'count' })

const definition: ImportDefinition<Row> = {
  kind: 'rapport-publie',
  label: 'Rapport publié (tableaux imprimés)',
  domain: 'reconciliation',
  permission: 'reconciliation.run',
  redirectTo: { route: 'reconciliation.index' },
  maxRows: 20_000,
  columns: [
    requiredColumn('year', 'Année', 'Année du rapport (une seule par fichier).'),
    requiredColumn('domain', 'Domaine', 'activity, accounting, hr...'),
    requiredColumn('table', 'Tableau', 'Clé du tableau, ex. territories.'),
    requiredColumn('row', 'Ligne', 'Libellé de la ligne tel qu’imprimé.'),
    requiredColumn('column', 'Colonne', 'Clé de la colonne, ex. jeunes_accompagnes.'),
    optionalColumn('value', 'Valeur', 'Nombre imprimé (5 pour « +5% »).'),
    optionalColumn('text', 'Texte', 'Texte imprimé, ex. « +5% ».'),
    requiredColumn('unit', 'Unité', 'effectif, pourcentage, evolution, ratio, euros.'),
  ],

  parseRow(reader) {
    const year = reader.integer('year', { required: true, min: 2000 })
    if (year !== null && year > DateTime.now().setZone('Europe/Paris').year) {
      reader.fail('year', `année dans le futur (${year})`)
    }
    const domain = reader.text('domain', { required: true, maxLength: 40 })
    const table = reader.text('table', { required: true, maxLength: 120 })
    const row = reader.text('row', { required: true, maxLength: 300 })
    const column = reader.text('column', { required: true, maxLength: 120 })
    const value = reader.amount('value')
    const text = reader.text('text', { maxLength: 300 })
    const unit = reader.oneOf('unit', UNITS, { required: true })
    if (value === null && text === null) reader.fail('value', 'ni valeur ni texte')
    if (reader.issues.length || year === null || !domain || !table || !row || !column || !unit)
      return null
    return {
      year,
      domain,
      table,
      row,
      column,
      value,
      text,
      unit,
    }
  },

  checkAll(rows) {
    const issues: ImportIssue[] = []
    const years = new Set(rows.map((r) => r.row.year))
    if (years.size > 1) {
      issues.push({
        line: null,
        column: 'Année',
        value: [...years].join(', '),
        message: 'un fichier ne porte que sur une année',
      })
    }
    const seen = new Map<string, number>()
    for (const { line, row } of rows) {
      const key = [row.domain, row.table, row.row, row.column].join(' | ')
      const first = seen.get(key)
      if (first !== undefined)
        issues.push({
          line,
          column: null,
          value: key,
          message: `même chiffre déjà donné ligne ${first}`,
        })
      else seen.set(key, line)
    }
    return issues
  },

  async commit(rows, trx, context) {
    const year = rows[0].year
    await storePublishedReport(
      context.organisationId,
      { year, title: `Rapport publié ${year}`, values: rows },
      trx,
      context.userId
    )
    return `${rows.length} chiffre(s) publié(s) pour ${year}`
  },

  reconcileYears(rows) {
    return [rows[0].year]
  },
}

export default definition
