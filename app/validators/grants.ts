import vine from '@vinejs/vine'
import { calendarDate as isoDate } from '#validators/rules'
import { DateTime } from 'luxon'
import type { Decimal } from 'decimal.js'
import { FUNDER_CATEGORY_LABELS } from '#models/grants/funder'
import { GRANT_STATUS_LABELS } from '#models/grants/grant'
import { parseFrenchAmount, InvalidAmountError } from '#support/money'
import { GrantRuleError } from '#actions/grants/errors'

const amount = () => vine.string().trim().maxLength(40)
const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()

export const funderValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  category: vine.enum(Object.keys(FUNDER_CATEGORY_LABELS)),
  parentId: vine.number().positive().optional(),
  revenueAccount: vine
    .string()
    .trim()
    .regex(/^7\d*$/)
    .maxLength(20)
    .optional(),
  notes: optionalText(2000),
  version: vine.number().optional(),
})

export const grantValidator = vine.create({
  funderId: vine.number().positive(),
  reference: vine.string().trim().minLength(1).maxLength(80),
  title: vine.string().trim().minLength(2).maxLength(300),
  periodStart: isoDate(),
  periodEnd: isoDate(),
  amountAwarded: amount().optional(),
  cofinancingRate: amount().optional(),
  revenueAccount: vine
    .string()
    .trim()
    .regex(/^7\d*$/)
    .maxLength(20)
    .optional(),
  analyticCode: optionalText(40),
  flatRate: vine.enum(['0', '7', '15', '20', '40']).optional(),
  programmeIds: vine.array(vine.number().positive()).optional(),
  notes: optionalText(4000),
  version: vine.number().optional(),
})

export const yearSplitValidator = vine.create({
  years: vine.array(vine.object({ year: vine.number().min(2000).max(2100), amount: amount() })),
})

export const eventValidator = vine.create({
  kind: vine.enum(Object.keys(GRANT_STATUS_LABELS)),
  occurredOn: isoDate(),
  note: optionalText(2000),
})

export const amendmentValidator = vine.create({
  newAmount: amount(),
  signedOn: isoDate(),
  reason: vine.string().trim().minLength(3).maxLength(2000),
  reference: optionalText(80),
})

export const scheduleValidator = vine.create({
  kind: vine.enum(['advance', 'instalment', 'balance']),
  label: optionalText(300),
  expectedOn: isoDate(),
  amount: amount(),
})

export const receiptValidator = vine.create({
  receivedOn: isoDate(),
  amount: amount(),
  reference: optionalText(100),
  scheduleId: vine.number().positive().optional(),
  entryLineId: vine.number().positive().optional(),
})

export const targetValidator = vine.create({
  indicatorCode: vine.string().trim().minLength(1).maxLength(80),
  label: vine.string().trim().minLength(2).maxLength(300),
  year: vine.number().min(2000).max(2100),
  target: amount(),
})

export const deadlineValidator = vine.create({
  kind: vine.enum(['interim_report', 'final_report', 'balance_request', 'other']),
  label: vine.string().trim().minLength(2).maxLength(300),
  dueOn: isoDate(),
})

export const reportTextValidator = vine.create({
  actionsText: optionalText(20000),
  publicText: optionalText(20000),
  principlesText: optionalText(20000),
  publicityText: optionalText(20000),
  version: vine.number().optional(),
})

/** Amount typed in French ("1 234,56"); a bad one is a rule error with a French message. */
export function money(
  text: string | undefined | null,
  label: string,
  required = true
): Decimal | null {
  try {
    const value = parseFrenchAmount(text ?? '')
    if (value === null && required) throw new GrantRuleError(`Le champ ${label} est obligatoire.`)
    if (value && value.isNegative())
      throw new GrantRuleError(`Le champ ${label} doit être positif.`)
    return value
  } catch (error) {
    if (error instanceof InvalidAmountError) throw new GrantRuleError(`${label} : ${error.message}`)
    throw error
  }
}

export function calendarDate(text: string, label: string): DateTime {
  const value = DateTime.fromISO(text, { zone: 'Europe/Paris' })
  if (!value.isValid) throw new GrantRuleError(`Le champ ${label} doit être une date valide.`)
  return value
}

export const allocationValidator = vine.create({
  entryLineId: vine.number().positive(),
  amount: amount().optional(),
})
