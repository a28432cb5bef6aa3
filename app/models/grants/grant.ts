import { GrantSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { belongsTo, hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'
import { Auditable } from '#models/mixins/auditable'
import Funder from '#models/grants/funder'
import GrantYear from '#models/grants/grant_year'
import GrantTarget from '#models/grants/grant_target'
import GrantDeadline from '#models/grants/grant_deadline'
import GrantEvent from '#models/grants/grant_event'
import GrantAmendment from '#models/grants/grant_amendment'
import GrantPaymentSchedule from '#models/grants/grant_payment_schedule'
import GrantReceipt from '#models/grants/grant_receipt'
import GrantDocument from '#models/grants/grant_document'
import Programme from '#models/activity/programme'
import { FLAT_RATES, GRANT_STATUSES } from '#vocabulary/grants'
import { labelOf } from '#vocabulary/labels'

export default class Grant extends compose(GrantSchema, OrganisationScoped, Auditable('grants')) {
  @belongsTo(() => Funder)
  declare funder: BelongsTo<typeof Funder>

  @hasMany(() => GrantYear)
  declare years: HasMany<typeof GrantYear>

  @hasMany(() => GrantTarget)
  declare targets: HasMany<typeof GrantTarget>

  @hasMany(() => GrantDeadline)
  declare deadlines: HasMany<typeof GrantDeadline>

  @hasMany(() => GrantEvent)
  declare events: HasMany<typeof GrantEvent>

  @hasMany(() => GrantAmendment)
  declare amendments: HasMany<typeof GrantAmendment>

  @hasMany(() => GrantPaymentSchedule, { foreignKey: 'grantId' })
  declare schedule: HasMany<typeof GrantPaymentSchedule>

  @hasMany(() => GrantReceipt)
  declare receipts: HasMany<typeof GrantReceipt>

  @hasMany(() => GrantDocument)
  declare documents: HasMany<typeof GrantDocument>

  @manyToMany(() => Programme, {
    pivotTable: 'grant_programmes',
    pivotForeignKey: 'grant_id',
    pivotRelatedForeignKey: 'programme_id',
    pivotColumns: ['organisation_id'],
  })
  declare programmes: ManyToMany<typeof Programme>

  get statusLabel() {
    return labelOf(GRANT_STATUSES, this.status)
  }

  get isClosed() {
    return this.status === 'closed'
  }

  get flatRateLabel() {
    const code = this.flatRate.toFixed(0)
    return code in FLAT_RATES ? FLAT_RATES[code as keyof typeof FLAT_RATES] : '—'
  }
}
