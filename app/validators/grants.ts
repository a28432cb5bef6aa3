import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { calendarDate, frenchAmount, labelled, recordId } from '#validators/rules'
import { codesOf } from '#vocabulary/labels'
import {
  DEADLINE_KINDS,
  FLAT_RATES,
  FUNDER_CATEGORIES,
  GRANT_STATUSES,
  SCHEDULE_KINDS,
} from '#vocabulary/grants'

const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()
const revenueAccount = () =>
  vine
    .string()
    .trim()
    .regex(/^7\d*$/)
    .maxLength(20)
    .optional()

export const funderValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  category: vine.enum(codesOf(FUNDER_CATEGORIES)),
  parentId: recordId().optional(),
  revenueAccount: revenueAccount(),
  notes: optionalText(2000),
  version: vine.number().optional(),
})
export type FunderInput = Infer<typeof funderValidator>

export const grantValidator = vine.create({
  funderId: recordId(),
  reference: vine.string().trim().minLength(1).maxLength(80),
  title: vine.string().trim().minLength(2).maxLength(300),
  periodStart: calendarDate(),
  periodEnd: calendarDate(),
  /** Required at creation; afterwards the awarded amount changes only through an amendment. */
  amountAwarded: frenchAmount().optional(),
  /** In percent (80 for 80 %). */
  cofinancingRate: frenchAmount().optional(),
  revenueAccount: revenueAccount(),
  analyticCode: optionalText(40),
  flatRate: vine.enum(codesOf(FLAT_RATES)).optional(),
  programmeIds: vine.array(recordId()).optional(),
  notes: optionalText(4000),
  version: vine.number().optional(),
})
export type GrantFormInput = Infer<typeof grantValidator>

export const yearSplitValidator = vine.create({
  years: vine.array(
    vine.object({ year: vine.number().min(2000).max(2100), amount: frenchAmount() })
  ),
})
export type YearSplitInput = Infer<typeof yearSplitValidator>

export const eventValidator = vine.create({
  kind: vine.enum(codesOf(GRANT_STATUSES)),
  occurredOn: calendarDate(),
  note: optionalText(2000),
})
export type EventInput = Infer<typeof eventValidator>

export const amendmentValidator = vine.create({
  newAmount: frenchAmount(),
  signedOn: calendarDate(),
  reason: vine.string().trim().minLength(3).maxLength(2000),
  reference: optionalText(80),
})
export type AmendmentInput = Infer<typeof amendmentValidator>

/** The version an edit form was built from (editable records carry one). */
const version = () => vine.number().withoutDecimals().min(1).optional()

const scheduleFields = {
  kind: vine.enum(codesOf(SCHEDULE_KINDS)),
  label: optionalText(300),
  expectedOn: calendarDate(),
  amount: frenchAmount(),
}
export const scheduleValidator = vine.create(scheduleFields)
export type ScheduleInput = Infer<typeof scheduleValidator>
export const scheduleUpdateValidator = vine.create({ ...scheduleFields, version: version() })
export type ScheduleUpdateInput = Infer<typeof scheduleUpdateValidator>

const receiptFields = {
  receivedOn: calendarDate(),
  amount: frenchAmount(),
  reference: optionalText(100),
  entryLineId: recordId().optional(),
  /**
   * What the receipt pays: an amount for each instalment chosen in the form's list (the id is
   * the list's, never typed). None: matched automatically when unambiguous.
   */
  allocations: vine
    .array(vine.object({ scheduleId: recordId(), amount: frenchAmount().optional() }))
    .maxLength(500)
    .optional(),
}
export const receiptValidator = vine.create(receiptFields)
export type ReceiptInput = Infer<typeof receiptValidator>
export const receiptUpdateValidator = vine.create({ ...receiptFields, version: version() })
export type ReceiptUpdateInput = Infer<typeof receiptUpdateValidator>

const targetFields = {
  indicatorCode: vine.string().trim().minLength(1).maxLength(80),
  label: vine.string().trim().minLength(2).maxLength(300),
  year: vine.number().min(2000).max(2100),
  target: frenchAmount(),
}
export const targetValidator = vine.create(targetFields)
export type TargetInput = Infer<typeof targetValidator>
export const targetUpdateValidator = vine.create({ ...targetFields, version: version() })
export type TargetUpdateInput = Infer<typeof targetUpdateValidator>

const deadlineFields = {
  kind: vine.enum(codesOf(DEADLINE_KINDS)),
  label: vine.string().trim().minLength(2).maxLength(300),
  dueOn: calendarDate(),
}
export const deadlineValidator = vine.create(deadlineFields)
export type DeadlineInput = Infer<typeof deadlineValidator>
export const deadlineUpdateValidator = vine.create({ ...deadlineFields, version: version() })
export type DeadlineUpdateInput = Infer<typeof deadlineUpdateValidator>

/** A lifecycle step keeps its kind (cancel it otherwise): its date and note are corrected. */
export const eventUpdateValidator = vine.create({
  occurredOn: calendarDate(),
  note: optionalText(2000),
  version: version(),
})
export type EventUpdateInput = Infer<typeof eventUpdateValidator>

/** Cancelling a record of a convention: the reason is kept with the row. */
export const cancellationValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(2000),
})
export type CancellationInput = Infer<typeof cancellationValidator>

export const allocationValidator = vine.create({
  entryLineId: recordId(),
  /** By default the whole line. */
  amount: frenchAmount().optional(),
})
export type AllocationInput = Infer<typeof allocationValidator>

export const reportTextValidator = vine.create({
  actionsText: optionalText(20000),
  publicText: optionalText(20000),
  principlesText: optionalText(20000),
  publicityText: optionalText(20000),
  version: vine.number().optional(),
})
export type ReportTextInput = Infer<typeof reportTextValidator>

/**
 * A line of a convention's cost budget: its key chosen in the grouped list (`nature:<code>` or
 * `programme:<id>`, never typed) and its amount.
 */
export const budgetLineValidator = vine.create({
  line: vine
    .string()
    .trim()
    .regex(/^(nature:[a-z_]{1,20}|programme:\d{1,9})$/),
  amount: frenchAmount(),
})
export type BudgetLineInput = Infer<typeof budgetLineValidator>
budgetLineValidator.messagesProvider = labelled({ line: 'nature ou dispositif', amount: 'montant' })

/** A budget line's amount, corrected at the version its form was read at. */
export const budgetAmountValidator = vine.create({ amount: frenchAmount(), version: version() })
export type BudgetAmountInput = Infer<typeof budgetAmountValidator>
budgetAmountValidator.messagesProvider = labelled({ amount: 'montant' })
