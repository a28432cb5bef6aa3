import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { labelled } from '#validators/rules'
import { DIGEST_FREQUENCIES } from '#vocabulary/alerts'
import { codesOf } from '#vocabulary/labels'

/** The digest frequency a person chooses on their alerts page. */
export const digestPreferenceValidator = vine.create({
  frequency: vine.enum(codesOf(DIGEST_FREQUENCIES)),
})
digestPreferenceValidator.messagesProvider = labelled({ frequency: 'fréquence du récapitulatif' })
export type DigestPreferenceInput = Infer<typeof digestPreferenceValidator>
