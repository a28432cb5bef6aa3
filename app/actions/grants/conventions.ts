import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type { Decimal } from 'decimal.js'
import Grant from '#models/grants/grant'
import GrantYear from '#models/grants/grant_year'
import GrantDeadline from '#models/grants/grant_deadline'
import GrantEvent from '#models/grants/grant_event'
import GrantAmendment from '#models/grants/grant_amendment'
import GrantPaymentSchedule from '#models/grants/grant_payment_schedule'
import GrantReceipt from '#models/grants/grant_receipt'
import GrantLineAllocation from '#models/grants/grant_line_allocation'
import { currentActor } from '#support/request_context'
import { recordEvent } from '#support/audit'
import { formatMoney } from '#support/french_format'
import { sumMoney, toMoney, ZERO } from '#support/money'
import { GrantRuleError } from '#actions/grants/errors'
import { underDatabaseRules } from '#support/domain_errors'
import {
  FINAL_STATUSES,
  FLAT_RATE_BASES,
  FLAT_RATES,
  GRANT_STATUSES,
  transitionRefusal,
  type FlatRate,
} from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'
import type { GrantFormInput } from '#validators/grants'

export interface GrantInput {
  funderId: number
  reference: string
  title: string
  periodStart: DateTime
  periodEnd: DateTime
  amountAwarded: Decimal
  cofinancingRate?: Decimal | null
  revenueAccount?: string | null
  analyticCode?: string | null
  flatRate?: number
  notes?: string | null
  programmeIds?: number[]
}

function assertPeriod(start: DateTime, end: DateTime) {
  if (end < start) {
    throw new GrantRuleError(
      `La période d'éligibilité se termine (${end.toFormat('dd/MM/yyyy')}) avant de commencer (${start.toFormat('dd/MM/yyyy')}).`
    )
  }
}

/** What the convention's split, schedule and receipts add up to (cancelled rows left out). */
export async function totals(grantId: number, trx: TransactionClientContract) {
  const row = await trx
    .from('grants as g')
    .where('g.id', grantId)
    .select(
      trx.raw('(SELECT coalesce(sum(amount), 0) FROM grant_years WHERE grant_id = g.id) AS years'),
      trx.raw(
        '(SELECT coalesce(sum(amount), 0) FROM grant_payment_schedules WHERE grant_id = g.id AND cancelled_at IS NULL) AS schedule'
      ),
      trx.raw(
        '(SELECT coalesce(sum(amount), 0) FROM grant_receipts WHERE grant_id = g.id AND cancelled_at IS NULL) AS received'
      )
    )
    .firstOrFail()
  return {
    years: toMoney(row.years),
    schedule: toMoney(row.schedule),
    received: toMoney(row.received),
  }
}

/** Creates or updates a convention; the awarded amount changes only through an amendment. */
export async function saveGrant(input: GrantInput, trx: TransactionClientContract, grant?: Grant) {
  assertPeriod(input.periodStart, input.periodEnd)
  const flatRate = String(input.flatRate ?? 0)
  if (!(flatRate in FLAT_RATES))
    throw new GrantRuleError('Taux forfaitaire inconnu (0, 7, 15, 20 ou 40 %).')
  const values = {
    funderId: input.funderId,
    reference: input.reference,
    title: input.title,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    cofinancingRate: input.cofinancingRate ?? null,
    revenueAccount: input.revenueAccount || null,
    analyticCode: input.analyticCode || null,
    flatRate: toMoney(input.flatRate ?? 0),
    flatRateBasis: FLAT_RATE_BASES[flatRate as FlatRate],
    notes: input.notes ?? null,
  }
  return underDatabaseRules(async () => {
    let row = grant
    if (row) {
      row.useTransaction(trx)
      row.merge(values)
      await row.save()
    } else {
      row = await Grant.create({ ...values, amountAwarded: input.amountAwarded }, { client: trx })
      await addEvent(row, 'requested', input.periodStart, 'Convention saisie', trx, false)
    }
    if (input.programmeIds) {
      const sync: Record<number, { organisation_id: number }> = {}
      for (const id of input.programmeIds) sync[id] = { organisation_id: row.organisationId }
      await row.related('programmes').sync(sync, true, trx)
      await recordEvent({
        domain: 'grants',
        action: 'update',
        subjectType: 'grant_programmes',
        subjectId: row.id,
        summary: `Dispositifs financés par ${row.reference}`,
        after: { programmeIds: input.programmeIds },
        organisationId: row.organisationId,
        trx,
      })
    }
    return row
  })
}

/** Replaces the split by fiscal year; the split can never exceed the awarded amount. */
export async function setYearSplit(
  grant: Grant,
  split: Array<{ year: number; amount: Decimal }>,
  trx: TransactionClientContract
) {
  const total = sumMoney(split.map((s) => s.amount))
  if (total.gt(grant.amountAwarded)) {
    throw new GrantRuleError(
      `La répartition par exercice (${formatMoney(total)}) dépasse le montant accordé (${formatMoney(grant.amountAwarded)}).`
    )
  }
  const years = new Set<number>()
  for (const s of split) {
    if (years.has(s.year)) throw new GrantRuleError(`L'exercice ${s.year} figure deux fois.`)
    years.add(s.year)
  }
  await underDatabaseRules(async () => {
    const existing = await GrantYear.query({ client: trx }).where('grantId', grant.id)
    for (const row of existing) {
      if (!years.has(row.year)) await row.useTransaction(trx).delete()
    }
    for (const s of split) {
      const row = existing.find((e) => e.year === s.year)
      if (row) {
        if (!row.amount.eq(s.amount)) {
          row.useTransaction(trx)
          row.amount = s.amount
          row.version += 1
          await row.save()
        }
      } else {
        await GrantYear.create(
          { grantId: grant.id, year: s.year, amount: s.amount },
          { client: trx }
        )
      }
    }
  })
}

export function assertOpen(grant: Grant) {
  if (FINAL_STATUSES.includes(grant.status)) {
    throw new GrantRuleError(
      `La convention ${grant.reference} est ${grant.statusLabel.toLowerCase()} : aucun versement ni échéance ne peut y être enregistré.`
    )
  }
}

export async function addScheduleLine(
  grant: Grant,
  line: { kind: string; label?: string | null; expectedOn: DateTime; amount: Decimal },
  trx: TransactionClientContract
) {
  assertOpen(grant)
  await assertScheduleRoom(grant, line.amount, ZERO, trx)
  return underDatabaseRules(() =>
    GrantPaymentSchedule.create(
      { grantId: grant.id, ...line, label: line.label ?? null },
      { client: trx }
    )
  )
}

/** The schedule, with `amount` instead of `replaced`, stays within the awarded amount. */
export async function assertScheduleRoom(
  grant: Grant,
  amount: Decimal,
  replaced: Decimal,
  trx: TransactionClientContract
) {
  const { schedule } = await totals(grant.id, trx)
  const total = schedule.minus(replaced).plus(amount)
  if (total.gt(grant.amountAwarded)) {
    throw new GrantRuleError(
      `L'échéancier atteindrait ${formatMoney(total)}, au-delà du montant accordé (${formatMoney(grant.amountAwarded)}).`
    )
  }
}

export interface ReceiptValues {
  receivedOn: DateTime
  amount: Decimal
  reference?: string | null
  entryLineId?: number | null
}

export async function addReceipt(
  grant: Grant,
  receipt: ReceiptValues,
  trx: TransactionClientContract
) {
  await assertReceiptValues(grant, receipt, ZERO, trx)
  return underDatabaseRules(() =>
    GrantReceipt.create(
      {
        grantId: grant.id,
        receivedOn: receipt.receivedOn,
        amount: receipt.amount,
        reference: receipt.reference ?? null,
        entryLineId: receipt.entryLineId ?? null,
      },
      { client: trx }
    )
  )
}

/**
 * A receipt (`replaced`: the amount it had before an edit) keeps the receipts within the
 * awarded amount, on an open convention, and names a bank line of the organisation (51x).
 */
export async function assertReceiptValues(
  grant: Grant,
  receipt: ReceiptValues,
  replaced: Decimal,
  trx: TransactionClientContract
) {
  assertOpen(grant)
  const { received } = await totals(grant.id, trx)
  const total = received.minus(replaced).plus(receipt.amount)
  if (total.gt(grant.amountAwarded)) {
    throw new GrantRuleError(
      `Les versements reçus atteindraient ${formatMoney(total)}, au-delà du montant accordé (${formatMoney(grant.amountAwarded)}).`
    )
  }
  if (receipt.entryLineId) {
    const line = await trx
      .from('entry_lines')
      .where({ id: receipt.entryLineId, organisation_id: grant.organisationId })
      .whereLike('account_number', '51%')
      .first()
    if (!line) {
      throw new GrantRuleError(
        'La ligne de banque choisie est introuvable parmi les comptes 51 de l’organisation.'
      )
    }
  }
}

/** The convention's steps that are not cancelled, in order. */
export function liveSteps(grantId: number, trx: TransactionClientContract) {
  return GrantEvent.query({ client: trx })
    .where('grantId', grantId)
    .whereNull('cancelledAt')
    .orderBy([{ column: 'occurredOn' }, { column: 'id' }])
}

/**
 * Lifecycle step as a dated row with who did it; the convention's status follows it. A step
 * follows the lifecycle (GRANT_TRANSITIONS of #vocabulary/grants) and is not dated before the
 * step it follows; the convention's first step (its request, `updateStatus` false) is not checked.
 */
export async function addEvent(
  grant: Grant,
  kind: string,
  occurredOn: DateTime,
  note: string | null,
  trx: TransactionClientContract,
  updateStatus = true
) {
  if (updateStatus) {
    const steps = await liveSteps(grant.id, trx)
    const refusal = transitionRefusal(
      steps.map((step) => step.kind),
      kind
    )
    if (refusal) throw new GrantRuleError(refusal, { field: 'kind' })
    const last = steps.at(-1)
    if (last && occurredOn < last.occurredOn) {
      throw new GrantRuleError(
        `L'étape ne peut pas être datée du ${occurredOn.toFormat('dd/MM/yyyy')}, avant l'étape « ${labelOf(GRANT_STATUSES, last.kind)} » du ${last.occurredOn.toFormat('dd/MM/yyyy')}.`,
        { field: 'occurredOn' }
      )
    }
  }
  const actor = currentActor()
  const event = await GrantEvent.create(
    {
      grantId: grant.id,
      kind,
      occurredOn,
      note,
      userId: actor?.userId ?? null,
      actor: actor?.label ?? 'système',
    },
    { client: trx }
  )
  // Sending a report or requesting the balance fulfils the earliest open deadline of that kind;
  // the deadline remembers the step, which reopens it if cancelled.
  const fulfils: Record<string, string[]> = {
    report_sent: ['interim_report', 'final_report'],
    balance_requested: ['balance_request'],
  }
  if (fulfils[kind]) {
    const deadline = await GrantDeadline.query({ client: trx })
      .where('grantId', grant.id)
      .whereIn('kind', fulfils[kind])
      .whereNull('doneOn')
      .whereNull('cancelledAt')
      .orderBy('dueOn')
      .first()
    if (deadline) {
      deadline.doneOn = occurredOn
      deadline.doneByEventId = event.id
      deadline.version += 1
      await deadline.save()
    }
  }
  if (updateStatus && grant.status !== kind) {
    grant.useTransaction(trx)
    grant.status = kind
    grant.version += 1
    await grant.save()
  }
  return event
}

/** An avenant changes the awarded amount; the previous amount stays in its trace. */
export async function amendGrant(
  grant: Grant,
  amendment: { newAmount: Decimal; signedOn: DateTime; reason: string; reference?: string | null },
  trx: TransactionClientContract
) {
  if (amendment.newAmount.isNegative())
    throw new GrantRuleError('Le nouveau montant doit être positif.')
  if (amendment.newAmount.lt(grant.amountAwarded)) {
    const steps = await liveSteps(grant.id, trx)
    const refusal = transitionRefusal(
      steps.map((step) => step.kind),
      'reduced'
    )
    if (refusal) throw new GrantRuleError(`Avenant de réduction refusé. ${refusal}`)
  }
  const t = await totals(grant.id, trx)
  const floor = [t.years, t.schedule, t.received].reduce((a, b) => (b.gt(a) ? b : a))
  if (amendment.newAmount.lt(floor)) {
    throw new GrantRuleError(
      `Le nouveau montant (${formatMoney(amendment.newAmount)}) est inférieur à ce qui est déjà réparti, échelonné ou reçu (${formatMoney(floor)}).`
    )
  }
  const actor = currentActor()
  const row = await GrantAmendment.create(
    {
      grantId: grant.id,
      reference: amendment.reference ?? null,
      signedOn: amendment.signedOn,
      previousAmount: grant.amountAwarded,
      newAmount: amendment.newAmount,
      reason: amendment.reason,
      userId: actor?.userId ?? null,
      actor: actor?.label ?? 'système',
    },
    { client: trx }
  )
  const reduced = amendment.newAmount.lt(grant.amountAwarded)
  grant.useTransaction(trx)
  grant.amountAwarded = amendment.newAmount
  grant.version += 1
  await underDatabaseRules(() => grant.save())
  if (reduced) await addEvent(grant, 'reduced', amendment.signedOn, amendment.reason, trx)
  return row
}

/** A convention that the ledger's analytic lines point at is never deleted. */
export async function deleteGrant(grant: Grant, trx: TransactionClientContract) {
  const used = await trx
    .from('grant_ledger_lines')
    .where({ organisation_id: grant.organisationId, grant_id: grant.id })
    .count('* as n')
    .first()
  if (Number(used?.n ?? 0) > 0) {
    throw new GrantRuleError(
      `La convention ${grant.reference} ne peut pas être supprimée : ${used!.n} ligne(s) d'écriture comptable y sont imputées.`
    )
  }
  const received = await GrantReceipt.query({ client: trx }).where('grantId', grant.id).first()
  if (received) {
    throw new GrantRuleError(
      `La convention ${grant.reference} ne peut pas être supprimée : des versements y sont enregistrés.`
    )
  }
  await underDatabaseRules(() => grant.useTransaction(trx).delete())
}

export function today() {
  return DateTime.now().setZone('Europe/Paris').startOf('day')
}

/** A calendar date of a form (YYYY-MM-DD, checked by the validator) as a day in Paris. */
export function parisDay(text: string) {
  return DateTime.fromISO(text, { zone: 'Europe/Paris' })
}

/** The convention, locked for the change (its totals are checked against its amount). */
export function lockGrant(grantId: number, trx: TransactionClientContract) {
  return Grant.query({ client: trx }).where('id', grantId).forUpdate().firstOrFail()
}

/** The convention's fields as typed in its form; the cofinancing rate is typed in percent. */
export function grantInputOf(form: GrantFormInput): Omit<GrantInput, 'amountAwarded'> {
  const rate = form.cofinancingRate ?? null
  if (rate && (rate.lte(0) || rate.gt(100)))
    throw new GrantRuleError('Le taux de cofinancement doit être compris entre 0 et 100 %.')
  return {
    funderId: form.funderId,
    reference: form.reference,
    title: form.title,
    periodStart: parisDay(form.periodStart),
    periodEnd: parisDay(form.periodEnd),
    cofinancingRate: rate ? rate.div(100) : null,
    revenueAccount: form.revenueAccount ?? null,
    analyticCode: form.analyticCode ?? null,
    flatRate: Number(form.flatRate ?? 0),
    notes: form.notes ?? null,
    programmeIds: form.programmeIds ?? [],
  }
}

/**
 * Attributes (part of) a ledger line to the convention, for lines booked without it: the ledger
 * line itself is never changed. The database refuses more than the line's amount.
 */
export async function allocateLine(
  grant: Grant,
  allocation: { entryLineId: number; amount?: Decimal | null },
  trx: TransactionClientContract
) {
  const line = await trx
    .from('entry_lines')
    .where({ id: allocation.entryLineId, organisation_id: grant.organisationId })
    .first()
  if (!line)
    throw new GrantRuleError('La ligne d’écriture choisie est introuvable dans le grand livre.')
  const amount = allocation.amount ?? toMoney(line.debit).plus(toMoney(line.credit))
  return underDatabaseRules(() =>
    GrantLineAllocation.create(
      { grantId: grant.id, entryLineId: allocation.entryLineId, amount, source: 'manual' },
      { client: trx }
    )
  )
}
