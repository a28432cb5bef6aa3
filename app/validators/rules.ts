import vine from '@vinejs/vine'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import type { Decimal } from 'decimal.js'
import { DateTime } from 'luxon'
import { InvalidAmountError, parseFrenchAmount } from '#support/money'

/**
 * The shared rules of every form, filter and import (docs/adr/0007-refusal-path.md): real
 * calendar dates, French amounts parsed exactly into Decimal and bounded to what
 * `numeric(15,2)` holds, record ids in the int4 range.
 */

/** Largest id PostgreSQL's `integer` holds. */
export const MAX_INT4 = 2_147_483_647

/** `numeric(15,2)`: 13 digits before the decimal separator. */
const MAX_AMOUNT_DIGITS = 13

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** True for a real calendar day between years 1000 and 9999 (2023-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false
  const day = DateTime.fromISO(text, { zone: 'UTC' })
  return day.isValid && day.toISODate() === text && day.year >= 1000
}

const calendarDateRule = vine.createRule((value: unknown, _options: undefined, field) => {
  if (typeof value !== 'string') return
  if (!isCalendarDate(value)) {
    field.report(
      'Le champ {{ field }} doit être une date réelle (AAAA-MM-JJ).',
      'calendarDate',
      field
    )
  }
})

/** A calendar date typed as YYYY-MM-DD (what `<input type="date">` sends), kept as that text. */
export const calendarDate = () => vine.string().trim().regex(ISO_DATE).use(calendarDateRule())

interface AmountOptions {
  /** Refuse negative amounts (default: true). */
  positive?: boolean
  /** Refuse zero (default: false). */
  nonZero?: boolean
}

const frenchAmountRule = vine.createRule(
  (value: unknown, options: AmountOptions, field: FieldContext) => {
    if (typeof value !== 'string') return
    let amount: Decimal | null
    try {
      amount = parseFrenchAmount(value)
    } catch (error) {
      if (!(error instanceof InvalidAmountError)) throw error
      field.report(`Le champ {{ field }} : ${error.message}.`, 'frenchAmount', field)
      return
    }
    if (amount === null) {
      field.report('Le champ {{ field }} est obligatoire.', 'required', field)
      return
    }
    if (amount.decimalPlaces() > 2) {
      field.report('Le champ {{ field }} a plus de deux décimales.', 'frenchAmount', field)
    } else if (amount.abs().trunc().toFixed(0).length > MAX_AMOUNT_DIGITS) {
      field.report('Le champ {{ field }} dépasse le montant maximal.', 'frenchAmount', field)
    } else if (options.positive !== false && amount.isNegative()) {
      field.report('Le champ {{ field }} doit être positif.', 'positive', field)
    } else if (options.nonZero && amount.isZero()) {
      field.report('Le champ {{ field }} doit être différent de zéro.', 'nonZero', field)
    } else {
      field.mutate(amount, field)
    }
  }
)

/**
 * An amount typed in French ("1 234,56", "1234.56", "12 €") parsed exactly into a Decimal,
 * never through a float; at most two decimals and thirteen digits before the comma.
 */
export const frenchAmount = (options: AmountOptions = {}) =>
  vine
    .string()
    .trim()
    .maxLength(40)
    .use(frenchAmountRule(options))
    .transform((value) => value as unknown as Decimal)

/** A record id chosen in a form: a positive int4 (foreign ids are refused by the database). */
export const recordId = () => vine.number().withoutDecimals().range([1, MAX_INT4])

/** A year picked in a filter. */
export const yearParam = () => vine.number().withoutDecimals().range([1900, 2200])

/** The shared French messages (start/validator.ts), with a form's own field labels. */
export const labelled = (labels: Record<string, string>): MessagesProviderContact => ({
  getMessage(message: string, rule: string, field: FieldContext, args?: Record<string, unknown>) {
    const name = labels[field.name] ?? field.name
    const relabelled = Object.create(field, { name: { value: name } }) as FieldContext
    return vine.messagesProvider.getMessage(message, rule, relabelled, args)
  },
})
