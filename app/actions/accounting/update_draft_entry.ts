import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Tenant } from '#support/request_context'
import { updateDraft } from '#actions/accounting/drafts'
import { draftFromForm, type DraftEntryForm } from '#actions/accounting/create_draft_entry'

/**
 * Replaces a draft's fields and lines if nobody changed it since the form's version (a missing
 * version never matches).
 */
export default class UpdateDraftEntry {
  static handle(
    _tenant: Tenant,
    input: { id: number; form: DraftEntryForm },
    trx?: TransactionClientContract
  ) {
    return updateDraft(input.id, input.form.version ?? -1, draftFromForm(input.form), trx)
  }
}
