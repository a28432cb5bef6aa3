import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { LedgerError } from '#actions/accounting/errors'
import { parseFormula, parseRanges } from '#reference/layout_notation'

/**
 * Lets an accountant adjust one line of a layout: label, account ranges (compact notation) and
 * formula. A stale version is refused; formulas may only name lines of the same layout.
 */
export async function updateStatementLine(
  trx: TransactionClientContract,
  organisationId: number,
  lineId: number,
  input: { label: string; ranges: string | null; formula: string | null; version: number }
) {
  const line = await trx
    .from('statement_lines')
    .where({ id: lineId, organisation_id: organisationId })
    .forUpdate()
    .first()
  if (!line) throw new LedgerError('Ligne introuvable.')
  if (line.version !== input.version) {
    throw new LedgerError(
      'Cette ligne a été modifiée par quelqu’un d’autre entre-temps : rechargez la page.'
    )
  }
  let ranges
  let formula
  try {
    ranges = parseRanges(input.ranges ?? '')
    formula = parseFormula(input.formula)
  } catch (error) {
    throw new LedgerError(
      `${(error as Error).message} (notation : « 60 61 -609 40:D 28:A » ; formule « A + B - C »).`
    )
  }
  if (ranges.length && formula)
    throw new LedgerError('Une ligne porte soit des comptes, soit une formule, pas les deux.')
  if (formula) {
    const codes = new Set(
      (await trx.from('statement_lines').where('layout_id', line.layout_id).select('code')).map(
        (r: { code: string }) => r.code
      )
    )
    const unknown = formula.terms.filter((t) => !codes.has(t.code) || t.code === line.code)
    if (unknown.length)
      throw new LedgerError(
        `Formule : ligne(s) inconnue(s) ou circulaire(s) : ${unknown.map((t) => t.code).join(', ')}.`
      )
  }
  const after = {
    label: input.label,
    ranges: JSON.stringify(ranges),
    formula: formula ? JSON.stringify(formula) : null,
  }
  await trx
    .from('statement_lines')
    .where('id', lineId)
    .update({ ...after, version: line.version + 1, updated_at: new Date() })
  await recordEvent({
    domain: 'accounting',
    action: 'update',
    subjectType: 'statement_lines',
    subjectId: lineId,
    summary: `Ligne ${line.code} de présentation modifiée`,
    before: { label: line.label, ranges: line.ranges, formula: line.formula },
    after,
    organisationId,
    trx,
  })
}
