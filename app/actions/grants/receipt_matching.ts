import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Decimal } from 'decimal.js'
import type Grant from '#models/grants/grant'
import type GrantReceipt from '#models/grants/grant_receipt'
import GrantReceiptAllocation from '#models/grants/grant_receipt_allocation'
import { MatchableInstalments, type MatchableInstalment } from '#reports/grants/instalments'
import { GrantRuleError } from '#actions/grants/errors'
import { underDatabaseRules } from '#support/domain_errors'
import { formatDate, formatMoney } from '#support/french_format'
import { sumMoney } from '#support/money'
import type { Tenant } from '#support/request_context'
import { SCHEDULE_KINDS } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

/** What the receipt form says a receipt pays: an amount per instalment chosen in the list. */
export interface AllocationChoice {
  scheduleId: number
  amount?: Decimal | null
}

export interface MatchOutcome {
  /** Instalments the receipt now pays. */
  matched: number
  /** What to tell the user (French). */
  message: string
  /** The receipt is left unmatched although instalments are open: say so as a warning. */
  unmatched: boolean
}

/** « Avance du 15/01/2024 (30 000,00 €) »: an instalment as the user knows it. */
export function instalmentName(instalment: {
  kind: string
  label: string | null
  expectedOn: string
  amount: Decimal
}) {
  const name = instalment.label || labelOf(SCHEDULE_KINDS, instalment.kind)
  return `« ${name} » du ${formatDate(instalment.expectedOn)} (${formatMoney(instalment.amount)})`
}

/**
 * Matches a receipt (just recorded, or edited while unmatched) to the instalments it pays.
 * - Chosen in the form (amounts per instalment): each chosen instalment of the convention, open
 *   for that much; the sum within the receipt's amount (partial and grouped payments). The
 *   database holds the same sums (grant_receipt_allocations).
 * - Nothing chosen: matched automatically when unambiguous, i.e. exactly one open instalment of
 *   the convention has the receipt's amount left to pay; otherwise left unmatched, and the
 *   message says why (the board portal then pays the instalments in order of date).
 */
export async function matchReceipt(
  tenant: Tenant,
  grant: Grant,
  receipt: GrantReceipt,
  choices: AllocationChoice[],
  trx: TransactionClientContract
): Promise<MatchOutcome> {
  const open = await new MatchableInstalments(tenant, { grantId: grant.id }, trx).build()
  const chosen = choices.filter((choice) => choice.amount && choice.amount.gt(0))
  if (chosen.length > 0) return allocateChosen(receipt, chosen, open, trx)

  const same = open.filter((instalment) => instalment.open.eq(receipt.amount))
  if (same.length === 1) {
    await allocate(receipt, same[0].scheduleId, receipt.amount, 'automatic', trx)
    return {
      matched: 1,
      message: `Rapproché automatiquement de l'échéance ${instalmentName(same[0])}.`,
      unmatched: false,
    }
  }
  if (open.length === 0)
    return { matched: 0, message: 'Aucune échéance ouverte à rapprocher.', unmatched: false }
  const amount = formatMoney(receipt.amount)
  return {
    matched: 0,
    unmatched: true,
    message:
      same.length === 0
        ? `Non rapproché : aucune échéance ouverte n'attend ${amount}. Choisissez ce qu'il paie en corrigeant le versement.`
        : `Non rapproché : ${same.length} échéances ouvertes attendent ${amount} (${same.map((s) => formatDate(s.expectedOn)).join(', ')}). Choisissez celle qu'il paie en corrigeant le versement.`,
  }
}

async function allocateChosen(
  receipt: GrantReceipt,
  chosen: AllocationChoice[],
  open: MatchableInstalment[],
  trx: TransactionClientContract
): Promise<MatchOutcome> {
  const seen = new Set<number>()
  for (const choice of chosen) {
    const instalment = open.find((o) => o.scheduleId === choice.scheduleId)
    if (!instalment)
      throw new GrantRuleError(
        "Une échéance choisie n'est pas une échéance ouverte de cette convention (annulée, déjà payée ou inconnue).",
        { field: 'allocations' }
      )
    if (seen.has(choice.scheduleId))
      throw new GrantRuleError(`L'échéance ${instalmentName(instalment)} est choisie deux fois.`, {
        field: 'allocations',
      })
    seen.add(choice.scheduleId)
    if (choice.amount!.gt(instalment.open))
      throw new GrantRuleError(
        `L'échéance ${instalmentName(instalment)} n'attend plus que ${formatMoney(instalment.open)} : ${formatMoney(choice.amount!)} ne peuvent pas lui être affectés.`,
        { field: 'allocations' }
      )
  }
  const total = sumMoney(chosen.map((choice) => choice.amount!))
  if (total.gt(receipt.amount))
    throw new GrantRuleError(
      `Les montants affectés aux échéances (${formatMoney(total)}) dépassent le montant du versement (${formatMoney(receipt.amount)}).`,
      { field: 'allocations' }
    )
  for (const choice of chosen) {
    await allocate(receipt, choice.scheduleId, choice.amount!, 'form', trx)
  }
  const left = receipt.amount.minus(total)
  return {
    matched: chosen.length,
    message:
      `Rapproché de ${chosen.length} échéance(s)` +
      (left.gt(0) ? ` ; ${formatMoney(left)} ne paient aucune échéance.` : '.'),
    unmatched: false,
  }
}

function allocate(
  receipt: GrantReceipt,
  scheduleId: number,
  amount: Decimal,
  source: 'form' | 'automatic',
  trx: TransactionClientContract
) {
  return underDatabaseRules(() =>
    GrantReceiptAllocation.create(
      { receiptId: receipt.id, scheduleId, amount, source },
      { client: trx }
    )
  )
}
