import { compose } from '@adonisjs/core/helpers'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import type { Decimal } from 'decimal.js'
import { toMoney } from '#support/money'
import { MeetingSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Attendance from '#models/governance/attendance'
import Resolution from '#models/governance/resolution'
import MeetingDocument from '#models/governance/meeting_document'
import {
  MEETING_KINDS,
  MEETING_STATUSES,
  type QuorumBasis,
  type QuorumComparison,
} from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'

export interface Quorum {
  basis: QuorumBasis
  countsRepresented: boolean
  fraction: Decimal
  comparison: QuorumComparison
  total: Decimal
  present: Decimal
  represented: Decimal
  counted: Decimal
  threshold: Decimal
  reached: boolean
  secondConvening: boolean
  allowedWithout: boolean
  /** Votes may be recorded: quorum reached, or second convening where the statutes allow it. */
  votingAllowed: boolean
}

export default class Meeting extends compose(
  MeetingSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  @hasMany(() => Attendance)
  declare attendances: HasMany<typeof Attendance>

  @hasMany(() => Resolution)
  declare resolutions: HasMany<typeof Resolution>

  @hasMany(() => MeetingDocument)
  declare documents: HasMany<typeof MeetingDocument>

  get kindLabel() {
    return labelOf(MEETING_KINDS, this.kind)
  }

  get statusLabel() {
    return labelOf(MEETING_STATUSES, this.status)
  }

  /**
   * Live quorum, from the same SQL function that the vote trigger checks (one definition).
   * Consultative members are never counted.
   */
  static async quorumOf(meetingId: number, client?: QueryClientContract): Promise<Quorum> {
    const { rows } = await (client ?? db).rawQuery('SELECT * FROM governance_quorum(?)', [
      meetingId,
    ])
    const row = rows[0]
    const reached = !!row.reached
    return {
      basis: row.basis,
      countsRepresented: row.counts_represented,
      fraction: toMoney(row.fraction),
      comparison: row.comparison,
      total: toMoney(row.total),
      present: toMoney(row.present),
      represented: toMoney(row.represented),
      counted: toMoney(row.counted),
      threshold: toMoney(row.threshold),
      reached,
      secondConvening: row.second_convening,
      allowedWithout: row.allowed_without,
      votingAllowed: reached || (row.second_convening && row.allowed_without),
    }
  }

  quorum(client?: QueryClientContract) {
    return Meeting.quorumOf(this.id, client ?? this.$trx)
  }
}
