import { DateTime } from 'luxon'
import type { Decimal } from 'decimal.js'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type {
  ImportContext,
  ImportDefinition,
  ImportIssue,
  RowReader,
} from '#imports/core/pipeline'
import { normaliseHeader, optionalColumn, requiredColumn } from '#imports/core/row_reader'
import { BREAKDOWN_LABELS } from '#models/activity/indicator'
import { recordEvent } from '#support/audit'

/**
 * Indicator values in the aggregated layout i-milo exports (template and rules documented in
 * docs/imports/activite.md): année, indicateur, dispositif, territoire, ventilation, modalité,
 * valeur. A file replaces, atomically, the stored values of each (année, indicateur) it
 * contains at the same level (total, by programme, by territory, or one breakdown); the
 * reconciliation of each year of the file is then run once the import is committed.
 */
export interface IndicatorValueRow {
  year: number
  indicatorId: number
  indicatorCode: string
  programmeId: number | null
  territoryId: number | null
  breakdown: string | null
  modality: string | null
  value: Decimal
}

interface Scope {
  year: number
  indicatorId: number
  byProgramme: boolean
  byTerritory: boolean
  breakdown: string | null
}

interface Reference {
  indicators: Map<
    string,
    {
      id: number
      code: string
      label: string
      unit: string
      dimensions: string[]
      byProgramme: boolean
      byTerritory: boolean
    }
  >
  programmes: Map<string, number[]>
  territories: Map<string, number[]>
  breakdowns: Map<string, string>
  currentYear: number
}

const reference = (context: ImportContext) => context.data.reference as Reference

function addKey(map: Map<string, number[]>, key: string, id: number) {
  const normalised = normaliseHeader(key)
  const ids = map.get(normalised) ?? []
  if (!ids.includes(id)) ids.push(id)
  map.set(normalised, ids)
}

/** A code or a name; a name shared by two territories must be given as "Antenne / Secteur" or by code. */
function lookup(reader: RowReader, key: string, map: Map<string, number[]>, what: string) {
  const text = reader.text(key, { maxLength: 300 })
  if (text === null) return null
  const ids = map.get(normaliseHeader(text))
  if (!ids) return reader.fail(key, `${what} inconnu : « ${text} »`)
  if (ids.length > 1)
    return reader.fail(
      key,
      `${what} ambigu : « ${text} » (indiquez son code ou « Antenne / Secteur »)`
    )
  return ids[0]
}

const definition: ImportDefinition<IndicatorValueRow> = {
  kind: 'activite',
  label: "Valeurs d'indicateurs d'activité",
  domain: 'activity',
  permission: 'activity.write',
  redirectTo: { route: 'activity.key_figures' },
  maxRows: 20_000,
  columns: [
    requiredColumn('year', 'Année', 'Année des valeurs (pas dans le futur).', 'annee', 'year'),
    requiredColumn(
      'indicator',
      'Indicateur',
      "Code (ou libellé) d'un indicateur du catalogue, ex. jeunes_accompagnes."
    ),
    optionalColumn(
      'programme',
      'Dispositif',
      'Code ou nom du dispositif, si la valeur porte sur un dispositif.'
    ),
    optionalColumn(
      'territory',
      'Territoire',
      'Code, nom ou « Antenne / Secteur », si la valeur porte sur un territoire.'
    ),
    optionalColumn(
      'breakdown',
      'Ventilation',
      "Dimension de ventilation (ex. age_band ou « Tranche d'âge »), avec Modalité."
    ),
    optionalColumn(
      'modality',
      'Modalité',
      'Modalité de la ventilation (ex. « 18-21 ans »).',
      'modalite'
    ),
    requiredColumn('value', 'Valeur', 'Nombre positif ; entier pour un effectif.'),
  ],

  async prepare(context, client) {
    const indicators = await client
      .from('indicators')
      .where('organisation_id', context.organisationId)
    const programmes = await client
      .from('programmes')
      .where('organisation_id', context.organisationId)
    const territories = await client
      .from('territories as t')
      .leftJoin('territories as p', 'p.id', 't.parent_id')
      .where('t.organisation_id', context.organisationId)
      .select('t.id', 't.code', 't.name', 't.parent_id', 'p.name as parent_name')
    const ref: Reference = {
      indicators: new Map(),
      programmes: new Map(),
      territories: new Map(),
      breakdowns: new Map(),
      currentYear: DateTime.now().setZone('Europe/Paris').year,
    }
    for (const i of indicators) {
      const entry = {
        id: i.id,
        code: i.code,
        label: i.label,
        unit: i.unit,
        dimensions: i.dimensions,
        byProgramme: i.by_programme,
        byTerritory: i.by_territory,
      }
      ref.indicators.set(normaliseHeader(i.code), entry)
      ref.indicators.set(normaliseHeader(i.label), entry)
    }
    for (const p of programmes) {
      addKey(ref.programmes, p.code, p.id)
      addKey(ref.programmes, p.name, p.id)
    }
    // An antenna's name wins over an area of the same name (Brocéliande); areas are also
    // reachable as "Antenne / Secteur" or by code.
    for (const t of territories.filter((row) => row.parent_id === null)) {
      addKey(ref.territories, t.code, t.id)
      addKey(ref.territories, t.name, t.id)
    }
    for (const t of territories.filter((row) => row.parent_id !== null)) {
      addKey(ref.territories, t.code, t.id)
      addKey(ref.territories, `${t.parent_name} / ${t.name}`, t.id)
      if (
        !ref.territories.has(normaliseHeader(t.name)) ||
        !territories.some(
          (a) => a.parent_id === null && normaliseHeader(a.name) === normaliseHeader(t.name)
        )
      ) {
        addKey(ref.territories, t.name, t.id)
      }
    }
    for (const [code, label] of Object.entries(BREAKDOWN_LABELS)) {
      ref.breakdowns.set(normaliseHeader(code), code)
      ref.breakdowns.set(normaliseHeader(label), code)
    }
    context.data.reference = ref
  },

  parseRow(reader, context) {
    const ref = reference(context)
    const year = reader.integer('year', { required: true, min: 2000 })
    if (year !== null && year > ref.currentYear) {
      reader.fail(
        'year',
        `année dans le futur (${year}) : les valeurs d'une année ne sont importées qu'une fois constatées`
      )
    }
    const indicatorText = reader.text('indicator', { required: true, maxLength: 300 })
    const indicator =
      indicatorText === null ? undefined : ref.indicators.get(normaliseHeader(indicatorText))
    if (indicatorText !== null && !indicator) {
      reader.fail(
        'indicator',
        `indicateur inconnu : « ${indicatorText} » (voir le catalogue des indicateurs)`
      )
    }
    const programmeId = lookup(reader, 'programme', ref.programmes, 'dispositif')
    const territoryId = lookup(reader, 'territory', ref.territories, 'territoire')
    const breakdownText = reader.text('breakdown', { maxLength: 60 })
    const modality = reader.text('modality', { maxLength: 200 })
    let breakdown: string | null = null
    if (breakdownText !== null) {
      breakdown = ref.breakdowns.get(normaliseHeader(breakdownText)) ?? null
      if (!breakdown) reader.fail('breakdown', `ventilation inconnue : « ${breakdownText} »`)
    }
    if ((breakdownText === null) !== (modality === null)) {
      reader.fail(
        breakdownText === null ? 'breakdown' : 'modality',
        'ventilation et modalité vont ensemble'
      )
    }
    const value = reader.amount('value', { required: true })
    if (indicator) {
      if (breakdown && !indicator.dimensions.includes(breakdown)) {
        reader.fail(
          'breakdown',
          `« ${indicator.label} » ne se ventile pas par ${BREAKDOWN_LABELS[breakdown].toLowerCase()}`
        )
      }
      if (programmeId !== null && !indicator.byProgramme)
        reader.fail('programme', `« ${indicator.label} » ne se donne pas par dispositif`)
      if (territoryId !== null && !indicator.byTerritory)
        reader.fail('territory', `« ${indicator.label} » ne se donne pas par territoire`)
      if (value !== null) {
        if (value.isNegative())
          reader.fail(
            'value',
            `valeur négative (${value.toString()}) : un effectif ne peut pas être négatif`
          )
        else if (indicator.unit === 'count' && !value.isInteger())
          reader.fail('value', `« ${indicator.label} » est un effectif : nombre entier attendu`)
        else if (indicator.unit === 'percent' && value.greaterThan(100))
          reader.fail('value', 'pourcentage supérieur à 100')
      }
    }
    if (reader.issues.length || !indicator || year === null || value === null) return null
    return {
      year,
      indicatorId: indicator.id,
      indicatorCode: indicator.code,
      programmeId,
      territoryId,
      breakdown,
      modality,
      value,
    }
  },

  checkAll(rows) {
    const issues: ImportIssue[] = []
    const seen = new Map<string, number>()
    for (const { line, row } of rows) {
      const key = [
        row.year,
        row.indicatorId,
        row.programmeId,
        row.territoryId,
        row.breakdown,
        row.modality,
      ].join('|')
      const first = seen.get(key)
      if (first !== undefined) {
        issues.push({
          line,
          column: null,
          value: null,
          message: `même valeur déjà donnée ligne ${first} (année, indicateur, dispositif, territoire, ventilation, modalité)`,
        })
      } else seen.set(key, line)
    }
    return issues
  },

  async commit(rows, trx: TransactionClientContract, context) {
    // The pipeline locks its import record in this transaction before calling commit.
    const record = await trx
      .from('imports')
      .where({ organisation_id: context.organisationId, kind: 'activite', status: 'previewed' })
      .if(context.userId !== null, (q) => q.where('user_id', context.userId!))
      .orderBy('id', 'desc')
      .first()
    // A scope is what a file states about an indicator for a year: its total, its values by
    // programme, by territory, or one of its breakdowns. The file replaces those scopes only.
    const scopes = new Map<string, Scope>()
    for (const row of rows) {
      const scope: Scope = {
        year: row.year,
        indicatorId: row.indicatorId,
        byProgramme: row.programmeId !== null,
        byTerritory: row.territoryId !== null,
        breakdown: row.breakdown,
      }
      scopes.set(JSON.stringify(scope), scope)
    }
    let replaced = 0
    for (const scope of scopes.values()) {
      const query = trx.from('indicator_values').where({
        organisation_id: context.organisationId,
        year: scope.year,
        indicator_id: scope.indicatorId,
      })
      if (scope.byProgramme) query.whereNotNull('programme_id')
      else query.whereNull('programme_id')
      if (scope.byTerritory) query.whereNotNull('territory_id')
      else query.whereNull('territory_id')
      if (scope.breakdown) query.where('breakdown', scope.breakdown)
      else query.whereNull('breakdown')
      replaced += Number(await query.delete())
    }
    const inserts = rows.map((row) => ({
      organisation_id: context.organisationId,
      year: row.year,
      indicator_id: row.indicatorId,
      programme_id: row.programmeId,
      territory_id: row.territoryId,
      breakdown: row.breakdown,
      modality: row.modality,
      value: row.value.toString(),
      source: 'import',
      import_id: record?.id ?? null,
      source_file: record?.file_name ?? null,
      user_id: context.userId,
    }))
    for (let i = 0; i < inserts.length; i += 1000) {
      await trx.table('indicator_values').multiInsert(inserts.slice(i, i + 1000))
    }
    await recordEvent({
      domain: 'activity',
      action: 'import',
      subjectType: 'IndicatorValue',
      subjectId: record?.id ?? null,
      summary: `${rows.length} valeur(s) importée(s), ${replaced} remplacée(s)`,
      organisationId: context.organisationId,
      trx,
    })
    return `${rows.length} valeur(s) enregistrée(s) pour ${scopes.size} périmètre(s) (année, indicateur, niveau), ${replaced} valeur(s) remplacée(s)`
  },

  /** The years of the file are reconciled once it is committed (shared pipeline). */
  reconcileYears(rows) {
    return [...new Set(rows.map((row) => row.year))]
  },
}

export default definition
