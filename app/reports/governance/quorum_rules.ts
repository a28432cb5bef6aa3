import QuorumRule from '#models/governance/quorum_rule'
import { Report } from '#support/report'
import { MEETING_KINDS, type MeetingKind } from '#vocabulary/governance'

export interface QuorumRuleRow {
  kind: MeetingKind
  label: string
  rule: QuorumRule | null
}

/** The statutes' quorum and proxy rule of each kind of meeting, null where none is set. */
export default class QuorumRulesByKind extends Report<
  Record<string, never>,
  { kinds: QuorumRuleRow[] }
> {
  async build() {
    const rules = await QuorumRule.query()
    const byKind = new Map(rules.map((rule) => [rule.meetingKind, rule]))
    const kinds = (Object.keys(MEETING_KINDS) as MeetingKind[]).map((kind) => ({
      kind,
      label: MEETING_KINDS[kind],
      rule: byKind.get(kind) ?? null,
    }))
    return { kinds }
  }
}
