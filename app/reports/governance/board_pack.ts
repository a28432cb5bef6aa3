import type { DateTime } from 'luxon'
import Meeting from '#models/governance/meeting'
import BoardPack from '#models/governance/board_pack'
import MeetingDocument from '#models/governance/meeting_document'
import { Report } from '#support/report'
import { RuleError } from '#support/domain_errors'
import { PARIS_ZONE, fiscalYearTitle } from '#support/french_format'
import {
  BOARD_PACK_SECTIONS,
  BOARD_PACK_SECTION_CODES,
  type BoardPackSection,
} from '#vocabulary/board_pack'
import type { BoardPackDocument, PackBlock } from '#reports/governance/board_pack/blocks'
import {
  organisationName,
  packYear,
  type PackContext,
} from '#reports/governance/board_pack/context'
import {
  balanceSheetSection,
  budgetSection,
  grantsSection,
  incomeStatementSection,
} from '#reports/governance/board_pack/finance'
import {
  activitySection,
  agendaSection,
  coverSection,
  governanceSection,
  hrSection,
  labelSection,
  reconciliationSection,
} from '#reports/governance/board_pack/others'

const BUILDERS: Record<BoardPackSection, (context: PackContext) => Promise<PackBlock[]>> = {
  cover: coverSection,
  agenda: agendaSection,
  income_statement: incomeStatementSection,
  balance_sheet: balanceSheetSection,
  budget: budgetSection,
  grants: grantsSection,
  activity: activitySection,
  hr: hrSection,
  governance: governanceSection,
  label: labelSection,
  reconciliation: reconciliationSection,
}

/** The sections a meeting's pack shows, in its order (every section before anyone chose). */
async function chosenSections(meetingId: number) {
  const pack = await BoardPack.findBy('meeting_id', meetingId)
  return pack ? pack.sections : BoardPack.DEFAULT_SECTIONS
}

/**
 * A meeting's board pack (dossier du conseil), assembled from the records by the domains' own
 * reports: N is the latest fiscal year ended before the meeting. The HTML preview, the PDF and
 * the workbook read it.
 */
export class BoardPackContent extends Report<{ meetingId: number }, BoardPackDocument> {
  async build(): Promise<BoardPackDocument> {
    const meeting = await Meeting.findOrFail(this.params.meetingId)
    if (meeting.status === 'cancelled') {
      throw new RuleError('La séance est annulée : elle n’a pas de dossier du conseil.')
    }
    const day = meeting.heldAt.setZone(PARIS_ZONE).startOf('day')
    const year = await packYear(this.tenant.organisationId, day)
    const organisation = await organisationName(this.tenant.organisationId)
    const context: PackContext = { tenant: this.tenant, meeting, day, year, organisation }
    const keys = await chosenSections(meeting.id)
    const sections = []
    // One after the other: each section runs several queries, the pool is shared.
    for (const key of keys) {
      sections.push({ key, title: BOARD_PACK_SECTIONS[key], blocks: await BUILDERS[key](context) })
    }
    return {
      organisation,
      meeting: {
        id: meeting.id,
        title: meeting.title,
        kindLabel: meeting.kindLabel,
        heldAt: meeting.heldAt,
        location: meeting.location,
      },
      year: year ? { label: fiscalYearTitle(year.label), endYear: year.endYear } : null,
      sections,
    }
  }
}

export interface BoardPackSettingsResult {
  meeting: { id: number; title: string; kindLabel: string; heldAt: DateTime }
  /** Every section, the shown ones first in their order, then the hidden ones. */
  sections: Array<{ key: BoardPackSection; label: string; shown: boolean; position: number }>
  version: number | null
  document: { id: number; title: string; size: number; updatedAt: DateTime | null } | null
  edition: number
  generatedAt: DateTime | null
}

/** A meeting's pack settings: its sections on or off and in order, and the attached PDF. */
export class BoardPackSettings extends Report<{ meetingId: number }, BoardPackSettingsResult> {
  async build(): Promise<BoardPackSettingsResult> {
    const meeting = await Meeting.findOrFail(this.params.meetingId)
    const pack = await BoardPack.findBy('meeting_id', meeting.id)
    const shown = pack ? pack.sections : BoardPack.DEFAULT_SECTIONS
    const hidden = BOARD_PACK_SECTION_CODES.filter((key) => !shown.includes(key))
    const document = pack?.documentId ? await MeetingDocument.find(pack.documentId) : null
    return {
      meeting: {
        id: meeting.id,
        title: meeting.title,
        kindLabel: meeting.kindLabel,
        heldAt: meeting.heldAt,
      },
      sections: [...shown, ...hidden].map((key, index) => ({
        key,
        label: BOARD_PACK_SECTIONS[key],
        shown: shown.includes(key),
        position: index + 1,
      })),
      version: pack?.version ?? null,
      document: document
        ? {
            id: document.id,
            title: document.title,
            size: document.size,
            updatedAt: document.updatedAt,
          }
        : null,
      edition: pack?.edition ?? 0,
      generatedAt: pack?.generatedAt ?? null,
    }
  }
}
