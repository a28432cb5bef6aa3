import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { parseFormula, parseRanges, sectionSign } from '#reference/layout_notation'
import { LAYOUT_DEFINITIONS } from '#reference/statement_layouts'

/**
 * Writes the two standard layouts (ANC 2018-06 and the annual-report layout) for one
 * organisation. Idempotent: a layout already present (same code, kind, first year) is kept as
 * the accountant may have adjusted it.
 */
export async function seedStatementLayouts(organisationId: number, trx: TransactionClientContract) {
  let created = 0
  for (const definition of LAYOUT_DEFINITIONS) {
    const existing = await trx
      .from('statement_layouts')
      .where({
        organisation_id: organisationId,
        code: definition.code,
        kind: definition.kind,
        valid_from_year: definition.validFromYear,
      })
      .first()
    if (existing) continue
    const [layout] = await trx
      .table('statement_layouts')
      .insert({
        organisation_id: organisationId,
        code: definition.code,
        name: definition.name,
        kind: definition.kind,
        valid_from_year: definition.validFromYear,
        valid_to_year: definition.validToYear ?? null,
      })
      .returning('id')
    await trx.table('statement_lines').multiInsert(
      definition.lines.map((line, index) => ({
        organisation_id: organisationId,
        layout_id: layout.id,
        position: (index + 1) * 10,
        code: line.code,
        label: line.label,
        section: line.section,
        kind: line.kind ?? 'line',
        level: line.level ?? 1,
        of_which: line.ofWhich ?? false,
        sign: sectionSign(line.section),
        ranges: JSON.stringify(parseRanges(line.ranges)),
        formula: line.formula ? JSON.stringify(parseFormula(line.formula)) : null,
      }))
    )
    created++
  }
  if (created > 0) {
    await recordEvent({
      domain: 'accounting',
      action: 'create',
      subjectType: 'statement_layouts',
      summary: `${created} présentation(s) des états financiers créée(s)`,
      organisationId,
      trx,
    })
  }
}
