import vine from '@vinejs/vine'
import { ROLES } from '#vocabulary/core'

/** The organisation a person chooses to act for (the layout's menu). */
export const organisationSwitchValidator = vine.create({
  organisationId: vine.number().withoutDecimals().positive().max(2147483647),
})

/** An organisation's admin gives a person of another organisation roles in theirs. */
export const memberValidator = vine.create({
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  // A multiple select with one option chosen sends a single value.
  roles: vine
    .array(vine.enum(ROLES))
    .minLength(1)
    .distinct()
    .parse((value) => (typeof value === 'string' ? [value] : value)),
})
