import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { requireTenant, type Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { Decimal } from 'decimal.js'
import type { DateTime } from 'luxon'
import Referential from '#models/quality/referential'
import ReferentialTheme from '#models/quality/referential_theme'
import Criterion from '#models/quality/criterion'
import CriterionAssessment from '#models/quality/criterion_assessment'

export interface ReferentialCriterionInput {
  theme: string
  code: string
  title: string
  text: string | null
  expectedEvidence: string | null
}

export interface ReferentialInput {
  name: string
  thresholdPercent: Decimal | number
  deadline: DateTime | null
  allowsNotApplicable: boolean
  isDemo?: boolean
  importedFrom?: string | null
  importId?: number | null
  criteria: ReferentialCriterionInput[]
}

/**
 * Writes a new edition of a referential (edition = last edition of that name + 1) and makes
 * it the current one. Older editions stay, with their assessments. Themes keep the order in
 * which they first appear; every criterion starts "to do".
 */
export default class CreateReferential {
  static handle(tenant: Tenant, input: ReferentialInput, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) => write(tenant.organisationId, input, t))
  }
}

/** For the seeder, which runs as its organisation (actingAs). */
export function createReferential(
  input: ReferentialInput & { organisationId?: number },
  trx: TransactionClientContract
) {
  return CreateReferential.handle(requireTenant('the referential'), input, trx)
}

async function write(
  organisationId: number,
  input: ReferentialInput,
  trx: TransactionClientContract
) {
  // Two imports at once would race for the edition number and the "current" flag.
  await trx.rawQuery('SELECT pg_advisory_xact_lock(5000, ?)', [organisationId])
  const last = await trx
    .from('referentials')
    .where('organisation_id', organisationId)
    .where('name', input.name)
    .max('edition as edition')
    .first()
  await trx
    .from('referentials')
    .where('organisation_id', organisationId)
    .where('is_current', true)
    .update({ is_current: false })

  const referential = await Referential.create(
    {
      organisationId: organisationId,
      name: input.name,
      edition: (last?.edition ?? 0) + 1,
      thresholdPercent: input.thresholdPercent as Decimal,
      deadline: input.deadline,
      allowsNotApplicable: input.allowsNotApplicable,
      isDemo: input.isDemo ?? false,
      isCurrent: true,
      importedFrom: input.importedFrom ?? null,
      importId: input.importId ?? null,
    },
    { client: trx }
  )

  const themes = new Map<string, ReferentialTheme>()
  const criteria: Criterion[] = []
  for (const [index, row] of input.criteria.entries()) {
    let theme = themes.get(row.theme)
    if (!theme) {
      theme = await ReferentialTheme.create(
        {
          organisationId: organisationId,
          referentialId: referential.id,
          position: themes.size + 1,
          name: row.theme,
        },
        { client: trx }
      )
      themes.set(row.theme, theme)
    }
    const criterion = await Criterion.create(
      {
        organisationId: organisationId,
        referentialId: referential.id,
        themeId: theme.id,
        position: index + 1,
        code: row.code,
        title: row.title,
        text: row.text,
        expectedEvidence: row.expectedEvidence,
      },
      { client: trx }
    )
    await CriterionAssessment.create(
      { organisationId: organisationId, criterionId: criterion.id, status: 'to_do' },
      { client: trx }
    )
    criteria.push(criterion)
  }
  return { referential, themes: [...themes.values()], criteria }
}
