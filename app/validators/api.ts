import vine from '@vinejs/vine'
import { ACCESS_TOKEN_LIFETIMES } from '#vocabulary/api'
import { codesOf } from '#vocabulary/labels'

/** A new personal access token (account page, /compte/jetons). */
export const accessTokenValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(100),
  expiration: vine.enum(codesOf(ACCESS_TOKEN_LIFETIMES)),
  /** One of the person's organisations, chosen by name (the acting one when left out). */
  organisationId: vine.number().withoutDecimals().positive().max(2147483647).optional(),
})

/** ?annee=2023: the fiscal year ending in that calendar year (every per-year API endpoint). */
export const apiYearValidator = vine.create({
  annee: vine.number().withoutDecimals().range([2000, 2100]),
})

/** The statements take a presentation too (?presentation=rapport-annuel by default). */
export const apiStatementValidator = vine.create({
  annee: vine.number().withoutDecimals().range([2000, 2100]),
  presentation: vine
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
})
