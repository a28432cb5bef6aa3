import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import { ROLES } from '#vocabulary/core'

export const EMAIL_TAKEN = 'Cette adresse e-mail est déjà utilisée.'

/**
 * A login identifies its account by e-mail alone, so an address belongs to one user across all
 * organisations (the database says so too: unique index on lower(email)). Pass the edited
 * user's id as `meta.userId`. The message names no organisation.
 */
const emailFree = vine.createRule(async (value, _options, field) => {
  if (typeof value !== 'string' || !field.isValid) return
  const query = db.from('users').whereRaw('lower(email) = ?', [value.toLowerCase()])
  const userId = Number(field.meta?.userId)
  if (Number.isInteger(userId) && userId > 0) query.whereNot('id', userId)
  if (await query.select('id').first()) field.report(EMAIL_TAKEN, 'emailTaken', field)
})

/** NIST 800-63B: length, no composition rules. */
const password = () => vine.string().minLength(12).maxLength(200)

export const loginValidator = vine.create({
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  password: vine.string().maxLength(200),
})

export const userValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(200),
  email: vine.string().trim().toLowerCase().email().maxLength(254).use(emailFree()),
  // A multiple select with one option chosen sends a single value.
  roles: vine
    .array(vine.enum(ROLES))
    .minLength(1)
    .distinct()
    .parse((value) => (typeof value === 'string' ? [value] : value)),
  password: password().optional(),
  version: vine.number().optional(),
})

export const passwordChangeValidator = vine.create({
  currentPassword: vine.string().maxLength(200),
  password: password().confirmed({ confirmationField: 'passwordConfirmation' }),
})

export const auditFilterValidator = vine.create({
  domain: vine.string().optional(),
  action: vine.string().optional(),
  actor: vine.string().trim().maxLength(200).optional(),
  from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  to: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  page: vine.number().min(1).optional(),
})
