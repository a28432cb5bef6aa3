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

export const GRANT_STATUS_LABELS: Record<string, string> = {
  requested: 'Demandée',
  notified: 'Notifiée',
  signed: 'Signée',
  report_sent: 'Bilan envoyé',
  balance_requested: 'Solde demandé',
  closed: 'Clôturée',
  refused: 'Refusée',
  reduced: 'Réduite',
  cancelled: 'Annulée',
}

export const FLAT_RATE_OPTIONS = [
  { value: '0', label: 'Aucun taux forfaitaire', basis: null },
  { value: '7', label: '7 % des coûts directs (art. 54 a)', basis: 'direct_costs' },
  {
    value: '15',
    label: '15 % des frais de personnel directs (art. 54 b)',
    basis: 'direct_staff_costs',
  },
  {
    value: '20',
    label: '20 % des coûts directs hors personnel (art. 55.1)',
    basis: 'other_direct_costs',
  },
  {
    value: '40',
    label: '40 % des frais de personnel directs (art. 56)',
    basis: 'direct_staff_costs',
  },
] as const

/** Statuses after which nothing more is paid or scheduled on the convention. */
export const FINAL_STATUSES = ['closed', 'refused', 'cancelled']

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
    return GRANT_STATUS_LABELS[this.status] ?? this.status
  }

  get isClosed() {
    return this.status === 'closed'
  }

  get flatRateLabel() {
    return FLAT_RATE_OPTIONS.find((o) => o.value === this.flatRate.toFixed(0))?.label ?? '—'
  }
}

export const DEADLINE_KIND_LABELS: Record<string, string> = {
  interim_report: 'Bilan intermédiaire',
  final_report: 'Bilan final',
  balance_request: 'Demande de solde',
  other: 'Autre échéance',
}

export const SCHEDULE_KIND_LABELS: Record<string, string> = {
  advance: 'Avance',
  instalment: 'Acompte',
  balance: 'Solde',
}
