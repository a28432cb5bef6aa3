import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { Decimal } from 'decimal.js'
import db from '@adonisjs/lucid/services/db'
import { CHART_VERSIONS, EQUALITY_SIZE_BANDS, ROLES } from '#vocabulary/core'
import { codesOf } from '#vocabulary/labels'
import { toMoney } from '#support/money'
import { sirenIsValid } from '#actions/core/create_organisation'
import { labelled, yearParam } from '#validators/rules'

export const EMAIL_TAKEN = 'Cette adresse e-mail est déjà utilisée.'

/**
 * A login identifies its account by e-mail alone, so an address belongs to one user across all
 * organisations (the database says so too: unique index on lower(email)). Pass the edited
 * user's id as `meta.userId`. The message names no organisation.
 */
export const emailFree = vine.createRule(async (value, _options, field) => {
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

/** A SIREN as typed (spaces allowed): nine digits whose Luhn key is right, kept without spaces. */
const sirenRule = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const digits = value.replace(/[\s\u00A0\u202F]+/g, '')
  if (!/^\d{9}$/.test(digits)) {
    field.report('Le SIREN doit compter exactement 9 chiffres.', 'siren', field)
  } else if (!sirenIsValid(digits)) {
    field.report(
      `Le SIREN ${digits} n’est pas valide : sa clé de contrôle (Luhn) ne correspond pas. Vérifiez-le sur l’avis de situation INSEE.`,
      'siren',
      field
    )
  } else {
    field.mutate(digits, field)
  }
})
const siren = () => vine.string().trim().maxLength(20).use(sirenRule())

const PERCENT = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/

/**
 * A percentage typed in French ("45", "42,5", "42,50 %"), parsed exactly into a Decimal (never
 * through a float), at most two decimals, from 0 to `max` excluded.
 */
const frenchPercentRule = vine.createRule(
  (value: unknown, options: { max: number }, field: FieldContext) => {
    if (typeof value !== 'string') return
    const match = PERCENT.exec(value.replace(/[\s\u00A0\u202F]+/g, ' ').trim())
    if (!match) {
      field.report(
        'Le champ {{ field }} doit être un pourcentage, par exemple « 45 » ou « 42,5 » (deux décimales au plus).',
        'frenchPercent',
        field
      )
      return
    }
    const percent = toMoney(`${match[1]}.${match[2] ?? '0'}`)
    if (percent.greaterThanOrEqualTo(options.max)) {
      field.report(
        `Le champ {{ field }} doit être inférieur à ${options.max} %.`,
        'frenchPercentMax',
        field
      )
    } else {
      field.mutate(percent, field)
    }
  }
)
const frenchPercent = (max: number) =>
  vine
    .string()
    .trim()
    .maxLength(20)
    .use(frenchPercentRule({ max }))
    .transform((value) => value as unknown as Decimal)

/**
 * The setup form of an empty instance: the token printed in the server log, the organisation,
 * its first admin and their password (the same rules as organisation:create, which checks
 * them again).
 */
export const setupValidator = vine.create({
  jeton: vine.string().trim().maxLength(200),
  name: vine.string().trim().minLength(2).maxLength(200),
  siren: siren(),
  adminName: vine.string().trim().minLength(2).maxLength(200),
  adminEmail: vine.string().trim().toLowerCase().email().maxLength(254),
  password: password().confirmed({ confirmationField: 'password_confirmation' }),
})
setupValidator.messagesProvider = labelled({
  jeton: 'jeton d’installation',
  name: 'nom de l’organisation',
  adminName: 'nom de l’administrateur',
  adminEmail: 'adresse e-mail de l’administrateur',
  password: 'mot de passe',
})

/** The organisation settings page (admin). */
export const organisationSettingsValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  siren: siren(),
  address: vine.string().trim().maxLength(500).optional(),
  fiscalYearStartMonth: vine.number().withoutDecimals().range([1, 12]),
  employerChargeRate: frenchPercent(200),
  chartVersion: vine.enum(codesOf(CHART_VERSIONS)),
  equalitySizeBand: vine.enum(codesOf(EQUALITY_SIZE_BANDS)),
  version: vine.number().withoutDecimals().optional(),
})
organisationSettingsValidator.messagesProvider = labelled({
  name: 'nom de l’organisation',
  address: 'adresse',
  fiscalYearStartMonth: 'premier mois de l’exercice',
  employerChargeRate: 'taux de charges patronales',
  chartVersion: 'plan comptable',
  equalitySizeBand: 'tranche d’effectif de l’index égalité',
})

/** ?annee= on a yearly page (the year picker); absent: the latest year with data. */
export const pageYearValidator = vine.create({ annee: yearParam().optional() })
