import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { calendarDate, frenchAmount, recordId } from '#validators/rules'
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

export const scheduleValidator = vine.create({
  kind: vine.enum(codesOf(SCHEDULE_KINDS)),
  label: optionalText(300),
  expectedOn: calendarDate(),
  amount: frenchAmount(),
})
export type ScheduleInput = Infer<typeof scheduleValidator>

export const receiptValidator = vine.create({
  receivedOn: calendarDate(),
  amount: frenchAmount(),
  reference: optionalText(100),
  scheduleId: recordId().optional(),
  entryLineId: recordId().optional(),
})
export type ReceiptInput = Infer<typeof receiptValidator>

export const targetValidator = vine.create({
  indicatorCode: vine.string().trim().minLength(1).maxLength(80),
  label: vine.string().trim().minLength(2).maxLength(300),
  year: vine.number().min(2000).max(2100),
  target: frenchAmount(),
})
export type TargetInput = Infer<typeof targetValidator>

export const deadlineValidator = vine.create({
  kind: vine.enum(codesOf(DEADLINE_KINDS)),
  label: vine.string().trim().minLength(2).maxLength(300),
  dueOn: calendarDate(),
})
export type DeadlineInput = Infer<typeof deadlineValidator>

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
