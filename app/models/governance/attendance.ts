import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { AttendanceSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Seat from '#models/governance/seat'
import { ATTENDANCE_STATUSES, VOTING_STATUSES } from '#vocabulary/governance'
import { labelOf } from '#vocabulary/labels'

export default class Attendance extends compose(
  AttendanceSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  @belongsTo(() => Seat)
  declare seat: BelongsTo<typeof Seat>

  @belongsTo(() => Attendance, { foreignKey: 'proxyToId' })
  declare proxyTo: BelongsTo<typeof Attendance>

  @belongsTo(() => Attendance, { foreignKey: 'alternateForId' })
  declare alternateFor: BelongsTo<typeof Attendance>

  get statusLabel() {
    return labelOf(ATTENDANCE_STATUSES, this.status)
  }

  get isAlternate() {
    return this.alternateForId !== null
  }

  /**
   * A titular who may vote (present, or represented through a proxy). Whether an alternate may
   * vote depends on their titular's row: see `mayVote` in #actions/governance/attendance_rules.
   */
  get canVote() {
    return !this.isAlternate && (VOTING_STATUSES as readonly string[]).includes(this.status)
  }
}
