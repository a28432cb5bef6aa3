import { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { DateTime } from 'luxon'
import type { ImportDefinition } from '#imports/core/pipeline'
import { optionalColumn, requiredColumn } from '#imports/core/row_reader'
import CreateReferential, {
  type ReferentialCriterionInput,
} from '#actions/quality/create_referential'
import { requireTenant } from '#support/request_context'

/** Name given to an imported referential when the file does not name it. */
export const DEFAULT_REFERENTIAL_NAME = 'Référentiel de labellisation des Missions Locales'

export interface ReferentialRow extends ReferentialCriterionInput {
  line: number
  referentialName: string | null
  thresholdPercent: Decimal | null
  deadline: DateTime | null
}

interface Current {
  name: string
  isDemo: boolean
  thresholdPercent: string
  deadline: string | null
  allowsNotApplicable: boolean
}

/**
 * The labellisation referential as a spreadsheet: one row per criterion (theme, code, title,
 * text, expected evidence). The optional columns Référentiel, Seuil (%) and Échéance set the
 * referential itself; otherwise the new edition keeps those of the current referential.
 * Importing never touches older editions nor their assessments. Duplicate codes are refused.
 */
const referentialImport: ImportDefinition<ReferentialRow> = {
  kind: 'quality.referential',
  label: 'Référentiel de labellisation',
  domain: 'quality',
  permission: 'quality.write',
  redirectTo: { route: 'quality.criteria.index' },
  maxRows: 2000,
  maxBytes: 5 * 1024 * 1024,
  columns: [
    requiredColumn(
      'theme',
      'Thème',
      'Thème du critère (les thèmes gardent leur ordre d’apparition).',
      'Thematique'
    ),
    requiredColumn('code', 'Code', 'Code unique du critère dans le référentiel (ex. G1).'),
    requiredColumn('title', 'Titre', 'Intitulé court du critère.', 'Intitulé', 'Critère'),
    optionalColumn('text', 'Texte', 'Texte complet du critère.', 'Description'),
    optionalColumn(
      'expectedEvidence',
      'Preuves attendues',
      'Preuves attendues par l’auditeur.',
      'Preuves',
      'Éléments de preuve'
    ),
    optionalColumn(
      'referentialName',
      'Référentiel',
      'Facultatif : nom du référentiel (le même sur toutes les lignes).'
    ),
    optionalColumn(
      'thresholdPercent',
      'Seuil (%)',
      'Facultatif : pourcentage de critères à valider (ex. 80).',
      'Seuil'
    ),
    optionalColumn(
      'deadline',
      'Échéance',
      'Facultatif : date visée pour la labellisation (jj/mm/aaaa).'
    ),
  ],

  async prepare(context, client) {
    const current = await client
      .from('referentials')
      .where('organisation_id', context.organisationId)
      .where('is_current', true)
      .select('name', 'is_demo', 'threshold_percent', 'allows_not_applicable')
      .select(client.raw(`to_char(deadline, 'YYYY-MM-DD') AS deadline`))
      .first()
    context.data.current = current
      ? ({
          name: current.name,
          isDemo: current.is_demo,
          thresholdPercent: current.threshold_percent,
          deadline: current.deadline,
          allowsNotApplicable: current.allows_not_applicable,
        } satisfies Current)
      : null
    context.data.codes = new Map<string, number>()
  },

  parseRow(reader, context) {
    const codes = context.data.codes as Map<string, number>
    const theme = reader.text('theme', { required: true, maxLength: 200 })
    const code = reader.text('code', { required: true, maxLength: 30 })
    const title = reader.text('title', { required: true, maxLength: 300 })
    const text = reader.text('text', { maxLength: 20_000 })
    const expectedEvidence = reader.text('expectedEvidence', { maxLength: 20_000 })
    const referentialName = reader.text('referentialName', { maxLength: 200 })
    const thresholdPercent = reader.amount('thresholdPercent')
    const deadline = reader.date('deadline')
    if (thresholdPercent && (thresholdPercent.lte(0) || thresholdPercent.gt(100))) {
      reader.fail('thresholdPercent', 'le seuil doit être compris entre 0 et 100 %')
    }
    if (code) {
      const key = code.toUpperCase()
      const first = codes.get(key)
      if (first !== undefined) {
        reader.fail('code', `code en double : déjà utilisé ligne ${first}`)
      } else {
        codes.set(key, reader.line)
      }
    }
    if (reader.issues.length || !theme || !code || !title) return null
    return {
      line: reader.line,
      theme,
      code,
      title,
      text,
      expectedEvidence,
      referentialName,
      thresholdPercent,
      deadline,
    }
  },

  checkAll(rows) {
    const issues = []
    for (const key of ['referentialName', 'thresholdPercent', 'deadline'] as const) {
      const values = new Map<string, number>()
      for (const { line, row } of rows) {
        const value = row[key]
        if (value === null) continue
        const text = Decimal.isDecimal(value)
          ? value.toString()
          : typeof value === 'string'
            ? value
            : value.toISODate()!
        if (!values.has(text)) values.set(text, line)
      }
      if (values.size > 1) {
        const [, second] = [...values.entries()]
        issues.push({
          line: second[1],
          column: {
            referentialName: 'Référentiel',
            thresholdPercent: 'Seuil (%)',
            deadline: 'Échéance',
          }[key],
          value: second[0],
          message:
            'valeur différente de celle des lignes précédentes : une seule valeur par référentiel',
        })
      }
    }
    return issues
  },

  async commit(rows, trx, context) {
    const current = context.data.current as Current | null
    const first = (key: 'referentialName' | 'thresholdPercent' | 'deadline') =>
      rows.find((row) => row[key] !== null)?.[key] ?? null
    const name =
      (first('referentialName') as string | null) ??
      (current && !current.isDemo ? current.name : DEFAULT_REFERENTIAL_NAME)
    const { referential, themes, criteria } = await CreateReferential.handle(
      requireTenant('the referential import'),
      {
        name,
        thresholdPercent:
          (first('thresholdPercent') as Decimal | null) ?? toMoney(current?.thresholdPercent ?? 80),
        deadline:
          (first('deadline') as DateTime | null) ??
          (current?.deadline ? DateTime.fromISO(current.deadline) : null),
        allowsNotApplicable: current?.allowsNotApplicable ?? true,
        importedFrom: context.importRecord?.fileName ?? null,
        importId: context.importRecord?.id ?? null,
        criteria: rows,
      },
      trx
    )
    return `${referential.name}, édition ${referential.edition} : ${themes.length} thème(s), ${criteria.length} critère(s). Les éditions précédentes et leurs évaluations sont conservées.`
  },
}

export default referentialImport
