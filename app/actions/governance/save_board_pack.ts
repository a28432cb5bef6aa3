import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Meeting from '#models/governance/meeting'
import BoardPack from '#models/governance/board_pack'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import { assertVersion } from '#support/optimistic_lock'
import { RuleError } from '#support/domain_errors'
import {
  BOARD_PACK_SECTIONS,
  BOARD_PACK_SECTION_CODES,
  type BoardPackSection,
} from '#vocabulary/board_pack'

export interface BoardPackSectionChoice {
  key: BoardPackSection
  shown?: boolean
  /** Place in the pack (1 first); ties keep the default order. */
  position: number
}

export interface BoardPackInput {
  meetingId: number
  sections: BoardPackSectionChoice[]
  /** The version the form was read at; none when the meeting had no pack yet. */
  version?: number
}

/** The shown sections, by position, ties in the default order; each section once, one at least. */
export function orderedSections(choices: BoardPackSectionChoice[]): BoardPackSection[] {
  const seen = new Set<BoardPackSection>()
  for (const choice of choices) {
    if (seen.has(choice.key)) {
      throw new RuleError(
        `La section « ${BOARD_PACK_SECTIONS[choice.key]} » est donnée deux fois.`,
        { field: 'sections' }
      )
    }
    seen.add(choice.key)
  }
  const shown = choices
    .filter((choice) => choice.shown)
    .sort(
      (a, b) =>
        a.position - b.position ||
        BOARD_PACK_SECTION_CODES.indexOf(a.key) - BOARD_PACK_SECTION_CODES.indexOf(b.key)
    )
  if (!shown.length) {
    throw new RuleError('Choisissez au moins une section du dossier.', { field: 'sections' })
  }
  return shown.map((choice) => choice.key)
}

/** Chooses a meeting's board pack sections and their order (created at the first choice). */
export default class SaveBoardPack {
  static handle(_tenant: Tenant, input: BoardPackInput, trx?: TransactionClientContract) {
    const sections = orderedSections(input.sections)
    return withTransaction(trx, async (t) => {
      const meeting = await Meeting.findOrFail(input.meetingId, { client: t })
      const pack = await BoardPack.query({ client: t })
        .where('meeting_id', meeting.id)
        .forUpdate()
        .first()
      if (!pack) {
        // A form read before anyone chose sends no version; one that sends one is stale.
        assertVersion({ version: 0 }, input.version)
        return BoardPack.create(
          { meetingId: meeting.id, sections, edition: 0, version: 1 },
          { client: t }
        )
      }
      assertVersion(pack, input.version)
      pack.sections = sections
      await pack.save()
      return pack
    })
  }
}
