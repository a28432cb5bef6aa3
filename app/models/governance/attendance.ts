import { compose } from '@adonisjs/core/helpers'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { AttendanceSchema } from '#database/schema'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Seat from '#models/governance/seat'

export const ATTENDANCE_STATUSES: Record<string, string> = {
  present: 'Présent',
  excused: 'Excusé',
  absent: 'Absent',
  represented: 'Représenté',
}

export default class Attendance extends compose(
  AttendanceSchema,
  OrganisationScoped,
  Auditable('governance')
) {
  @belongsTo(() => Seat)
  declare seat: BelongsTo<typeof Seat>

  @belongsTo(() => Attendance, { foreignKey: 'proxyToId' })
  declare proxyTo: BelongsTo<typeof Attendance>

  get statusLabel() {
    return ATTENDANCE_STATUSES[this.status] ?? this.status
  }

  get canVote() {
    return this.status === 'present' || this.status === 'represented'
  }
}
