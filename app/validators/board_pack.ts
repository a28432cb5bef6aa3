import vine from '@vinejs/vine'
import { labelled } from '#validators/rules'
import { BOARD_PACK_SECTION_CODES } from '#vocabulary/board_pack'

/** The pack's form: each section with its box (shown) and its place; the version read. */
export const boardPackValidator = vine.create({
  sections: vine
    .array(
      vine.object({
        key: vine.enum(BOARD_PACK_SECTION_CODES),
        shown: vine.boolean().optional(),
        position: vine.number().withoutDecimals().range([1, 99]),
      })
    )
    .minLength(1)
    .maxLength(BOARD_PACK_SECTION_CODES.length),
  version: vine.number().withoutDecimals().range([1, 2_147_483_647]).optional(),
})

boardPackValidator.messagesProvider = labelled({
  sections: 'sections',
  key: 'section',
  shown: 'affichée',
  position: 'ordre',
  version: 'version',
})
