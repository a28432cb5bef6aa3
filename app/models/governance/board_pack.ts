import { compose } from '@adonisjs/core/helpers'
import { column } from '@adonisjs/lucid/orm'
import { BoardPackSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import { BOARD_PACK_SECTION_CODES, type BoardPackSection } from '#vocabulary/board_pack'

/**
 * The board pack of a meeting: the sections it shows in their order, and the meeting document
 * its last generated PDF is filed as (docs/adr/0013-board-pack-pdf.md).
 */
export default class BoardPack extends compose(
  BoardPackSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  @column()
  declare sections: BoardPackSection[]

  /** Every section, in the default order: a meeting's pack before anyone chose. */
  static readonly DEFAULT_SECTIONS: BoardPackSection[] = BOARD_PACK_SECTION_CODES
}
