import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import type { Tenant } from '#support/request_context'
import { parseFrenchAmount } from '#support/money'
import { withTransaction } from '#support/transaction'
import { LedgerError } from '#actions/accounting/errors'
import { createDraft, type DraftInput } from '#actions/accounting/drafts'
import type { draftEntryValidator } from '#validators/accounting'

export type DraftEntryForm = Infer<typeof draftEntryValidator>

/**
 * The draft typed in the entry form: blank lines dropped, amounts read as French text (an
 * unreadable amount is refused with its line number), analytic records by their id.
 */
export function draftFromForm(form: DraftEntryForm): DraftInput {
  const amount = (text: string | undefined, index: number) => {
    if (!text) return null
    const value = parseFrenchAmount(text)
    if (value === null) throw new LedgerError(`Ligne ${index + 1} : montant « ${text} » illisible.`)
    return value
  }
  return {
    journalId: form.journalId,
    entryDate: form.entryDate,
    label: form.label,
    pieceRef: form.pieceRef,
    pieceDate: form.pieceDate,
    lines: form.lines
      .filter((line) => line.accountNumber || line.debit || line.credit)
      .map((line, index) => ({
        ...line,
        accountNumber: line.accountNumber ?? '',
        debit: amount(line.debit, index),
        credit: amount(line.credit, index),
        programmeId: line.programmeId ?? null,
        grantId: line.grantId ?? null,
        territoryId: line.territoryId ?? null,
      })),
  }
}

/** Records a draft entry from the entry form; it is validated later (ValidateEntry). */
export default class CreateDraftEntry {
  static handle(_tenant: Tenant, form: DraftEntryForm, trx?: TransactionClientContract) {
    return withTransaction(trx, (t) => createDraft(draftFromForm(form), t))
  }
}
