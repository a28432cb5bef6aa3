import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import { createDraft, type DraftLineInput } from '#actions/accounting/drafts'
import { YearEndPositions } from '#reports/grants/year_end'
import { GrantRuleError } from '#actions/grants/errors'
import type { Tenant } from '#support/request_context'

/**
 * Proposes the year-end entries of the conventions as DRAFT entries of the ledger (one per
 * convention and kind), for what the ledger does not already hold: new fonds dédiés
 * (Dr 6894 / Cr 194), use of prior fonds dédiés (Dr 194 / Cr 7894), deferred income
 * (Dr 74x / Cr 487). A finance officer reviews and validates them in the ledger.
 */
export async function proposeYearEndEntries(
  tenant: Tenant,
  year: number,
  trx: TransactionClientContract
) {
  const organisationId = tenant.organisationId
  const report = await new YearEndPositions(tenant, { year }, trx).build()
  if (!report.period.id)
    throw new GrantRuleError(`Aucun exercice comptable ne se termine en ${year}.`)
  if (report.period.status !== 'open')
    throw new GrantRuleError(
      `L'exercice ${year} est clôturé : aucune écriture ne peut y être proposée.`
    )
  const journal = await trx
    .from('journals')
    .where('organisation_id', organisationId)
    .orderByRaw(`CASE WHEN code = 'OD' THEN 0 ELSE 1 END, id`)
    .first()
  if (!journal)
    throw new GrantRuleError(
      'Aucun journal comptable : créez le journal des opérations diverses (OD).'
    )
  const grants = await trx
    .from('grants')
    .where('organisation_id', organisationId)
    .select('id', 'revenue_account')
  const revenueAccount = new Map(
    grants.map((g) => [g.id as number, (g.revenue_account as string) ?? '74'])
  )

  const created: number[] = []
  const propose = async (
    grantId: number,
    ref: string,
    label: string,
    amount: Decimal,
    debit: string,
    credit: string
  ) => {
    if (amount.lte(0)) return
    const lines: DraftLineInput[] = [
      { accountNumber: debit, debit: amount.toFixed(2), label, grantId },
      { accountNumber: credit, credit: amount.toFixed(2), label, grantId },
    ]
    const entry = await createDraft(
      { journalId: journal.id, entryDate: report.period.end, label, pieceRef: ref, lines },
      trx
    )
    created.push(entry.id)
  }
  for (const p of report.positions) {
    await propose(
      p.grantId,
      `FD-${year}`,
      `Report en fonds dédiés ${p.reference}`,
      p.proposed.newDedicated,
      '6894',
      '194'
    )
    await propose(
      p.grantId,
      `FD-${year}`,
      `Utilisation de fonds dédiés ${p.reference}`,
      p.proposed.usedDedicated,
      '194',
      '7894'
    )
    await propose(
      p.grantId,
      `PCA-${year}`,
      `Produit constaté d'avance ${p.reference}`,
      p.proposed.deferred,
      revenueAccount.get(p.grantId)!,
      '487'
    )
  }
  return created
}
