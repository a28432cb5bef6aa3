import Grant from '#models/grants/grant'
import GrantPaymentSchedule from '#models/grants/grant_payment_schedule'
import GrantReceipt from '#models/grants/grant_receipt'
import GrantTarget from '#models/grants/grant_target'
import GrantDeadline from '#models/grants/grant_deadline'
import GrantEvent from '#models/grants/grant_event'
import {
  MatchableInstalments,
  ReceiptAllocations,
  type MatchableInstalment,
  type ReceiptAllocation,
} from '#reports/grants/instalments'
import { ClientReport } from '#support/report'
import { LedgerLineChoices, type LineChoiceList } from '#reports/grants/line_choices'
import { formatDate } from '#support/french_format'
import {
  CORRECTABLE_ITEMS,
  DEADLINE_KINDS,
  FINAL_STATUSES,
  GRANT_STATUSES,
  cancellationNote,
  type CorrectableItem,
} from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

const MODELS = {
  schedule: GrantPaymentSchedule,
  receipt: GrantReceipt,
  target: GrantTarget,
  deadline: GrantDeadline,
  event: GrantEvent,
}

type ItemOf<K extends CorrectableItem> = InstanceType<(typeof MODELS)[K]>

export interface ItemCorrectionResult<K extends CorrectableItem> {
  kind: K
  label: string
  grant: Grant
  item: ItemOf<K>
  /** Why the row cannot be edited (French), or null. */
  editRefusal: string | null
  /** Why the row cannot be cancelled (French), or null. */
  cancelRefusal: string | null
  /** Receipts: what it pays, and the instalments it may be matched to. */
  allocations: ReceiptAllocation[]
  openInstalments: MatchableInstalment[]
  /** Receipts' edit page: the bank lines it may be matched to, chosen by description. */
  bankLines: LineChoiceList | null
  /** Steps: the dates the step must stay between (ISO), its neighbours not cancelled. */
  bounds: { after: string | null; before: string | null }
}

/**
 * A record of a convention (instalment, receipt, activity target, reporting deadline, lifecycle
 * step) and whether it can be corrected: edited while nothing depends on it, otherwise
 * cancelled with a reason (the row stays). The rules, with the French reason of each refusal:
 * - nothing is corrected on a cancelled row;
 * - instalments and receipts of a closed, refused or cancelled convention are not corrected;
 * - an instalment is edited while no receipt is matched to it;
 * - a receipt is edited while it is matched neither to an instalment nor to a bank line;
 * - an activity target is edited while no report was sent in or after its year;
 * - a reporting deadline is edited while not done;
 * - a step is edited (date and note) while it fulfilled no deadline; only the last step is
 *   cancelled, and never the request that opened the convention.
 * The edit and cancellation actions read it in their transaction, after locking the convention.
 */
export class ItemCorrection<K extends CorrectableItem> extends ClientReport<
  /** `lineSearch` (the page's `?q=`, '' for none) asks for the receipt form's bank lines. */
  { kind: K; id: number; lineSearch?: string },
  ItemCorrectionResult<K>
> {
  async build() {
    const { kind, id } = this.params
    const model = MODELS[kind] as unknown as typeof GrantPaymentSchedule
    const item = (await model
      .query({ client: this.client })
      .where('id', id)
      .firstOrFail()) as unknown as ItemOf<K>
    const grant = await Grant.query({ client: this.client })
      .where('id', item.grantId)
      .preload('funder')
      .firstOrFail()
    const result: ItemCorrectionResult<K> = {
      kind,
      label: CORRECTABLE_ITEMS[kind],
      grant,
      item,
      editRefusal: null,
      cancelRefusal: null,
      allocations: [],
      openInstalments: [],
      bankLines: null,
      bounds: { after: null, before: null },
    }
    const note = cancellationNote(item)
    if (note) {
      const refusal = `Cette ligne est annulée (${note.charAt(0).toLowerCase()}${note.slice(1)}) : elle reste telle quelle.`
      return { ...result, editRefusal: refusal, cancelRefusal: refusal }
    }
    const rules = {
      schedule: () => this.schedule(grant, item as GrantPaymentSchedule),
      receipt: () => this.receipt(grant, item as GrantReceipt),
      target: () => this.target(grant, item as GrantTarget),
      deadline: () => ({ editRefusal: deadlineRefusal(item as GrantDeadline) }),
      event: () => this.event(grant, item as GrantEvent),
    }
    return { ...result, ...(await rules[kind]()) }
  }

  private async schedule(grant: Grant, item: GrantPaymentSchedule) {
    const closed = closedRefusal(grant)
    if (closed) return { editRefusal: closed, cancelRefusal: closed }
    const paidBy = await this.allocationsOf(grant).then((all) =>
      all.filter((a) => a.scheduleId === item.id)
    )
    return {
      editRefusal: paidBy.length
        ? `Cette échéance est payée par ${paidBy.length} versement(s) rapproché(s) : elle ne peut plus être modifiée. Annulez-la avec un motif (ces versements ne seront plus rapprochés) ou annulez le versement.`
        : null,
    }
  }

  private async receipt(grant: Grant, item: GrantReceipt) {
    const closed = closedRefusal(grant)
    const allocations = (await this.allocationsOf(grant)).filter((a) => a.receiptId === item.id)
    const openInstalments = await new MatchableInstalments(
      this.tenant,
      { grantId: grant.id },
      this.client
    ).build()
    if (closed) return { editRefusal: closed, cancelRefusal: closed, allocations, openInstalments }
    let editRefusal: string | null = null
    if (allocations.length)
      editRefusal = `Ce versement est rapproché de ${allocations.length} échéance(s) : il ne peut plus être modifié. Annulez-le avec un motif et saisissez-le à nouveau.`
    else if (item.entryLineId)
      editRefusal = `Ce versement est rapproché d'une ligne de banque du grand livre : il ne peut plus être modifié. Annulez-le avec un motif et saisissez-le à nouveau.`
    const search = this.params.lineSearch
    const bankLines =
      editRefusal === null && search !== undefined
        ? (
            await new LedgerLineChoices(
              this.tenant,
              { grantId: grant.id, q: search },
              this.client
            ).build()
          ).bank
        : null
    return { editRefusal, allocations, openInstalments, bankLines }
  }

  private async target(grant: Grant, item: GrantTarget) {
    const report = await GrantEvent.query({ client: this.client })
      .where('grantId', grant.id)
      .where('kind', 'report_sent')
      .whereNull('cancelledAt')
      .whereRaw('extract(year FROM occurred_on) >= ?', [item.year])
      .orderBy('occurredOn')
      .first()
    return {
      editRefusal: report
        ? `Le bilan envoyé le ${formatDate(report.occurredOn)} rend compte de cet objectif : il ne peut plus être modifié. Annulez-le avec un motif et saisissez l'objectif corrigé.`
        : null,
    }
  }

  private async event(grant: Grant, item: GrantEvent) {
    const steps = await GrantEvent.query({ client: this.client })
      .where('grantId', grant.id)
      .whereNull('cancelledAt')
      .orderBy([{ column: 'occurredOn' }, { column: 'id' }])
    const index = steps.findIndex((step) => step.id === item.id)
    const bounds = {
      after: index > 0 ? steps[index - 1].occurredOn.toISODate() : null,
      before: index < steps.length - 1 ? steps[index + 1].occurredOn.toISODate() : null,
    }
    const fulfilled = await GrantDeadline.query({ client: this.client })
      .where('doneByEventId', item.id)
      .whereNull('cancelledAt')
      .first()
    const editRefusal = fulfilled
      ? `Cette étape a marqué comme faite l'échéance « ${fulfilled.label} » (${labelOf(DEADLINE_KINDS, fulfilled.kind).toLowerCase()}) : elle ne peut plus être modifiée. Annulez-la avec un motif (l'échéance redeviendra à faire) et saisissez-la à nouveau.`
      : null
    let cancelRefusal: string | null = null
    const last = steps.at(-1)
    if (index === 0)
      cancelRefusal =
        'La demande est la première étape de la convention : elle ne peut pas être annulée (supprimez la convention, ou enregistrez son annulation comme étape).'
    else if (last && last.id !== item.id)
      cancelRefusal = `Seule la dernière étape de la convention peut être annulée (ici « ${labelOf(GRANT_STATUSES, last.kind)} » du ${formatDate(last.occurredOn)}) : annulez d'abord les étapes qui suivent.`
    return { editRefusal, cancelRefusal, bounds }
  }

  private allocationsOf(grant: Grant) {
    return new ReceiptAllocations(this.tenant, { grantId: grant.id }, this.client).build()
  }
}

function closedRefusal(grant: Grant) {
  if (!FINAL_STATUSES.includes(grant.status)) return null
  return `La convention ${grant.reference} est ${grant.statusLabel.toLowerCase()} : ses échéances et versements ne peuvent plus être corrigés (annulez d'abord sa dernière étape si elle est erronée).`
}

function deadlineRefusal(item: GrantDeadline) {
  return item.doneOn
    ? `Cette échéance est faite (le ${formatDate(item.doneOn)}) : elle ne peut plus être modifiée. Annulez-la avec un motif si elle était erronée.`
    : null
}
