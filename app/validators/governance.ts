import vine from '@vinejs/vine'
import { calendarDate as isoDate } from '#validators/rules'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

export const seatValidator = vine.create({
  collegeId: vine.number().withoutDecimals(),
  memberBodyName: vine.string().trim().minLength(2).maxLength(200),
  memberKind: vine.enum(['epci', 'collectivite', 'etat', 'partenaire', 'usagers', 'autre']),
  personName: vine.string().trim().minLength(2).maxLength(200).optional(),
  personEmail: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
  role: vine.enum(['titular', 'alternate']),
  mandateStart: isoDate(),
  mandateEnd: isoDate().optional(),
  obtainedBy: vine.enum(['by_right', 'designated', 'elected']),
  reEligible: vine.boolean().optional(),
  derivedFromEpci: vine.boolean().optional(),
})

export const seatEndValidator = vine.create({ mandateEnd: isoDate() })

export const compositionFilterValidator = vine.create({ date: isoDate().optional() })

export const meetingValidator = vine.create({
  kind: vine.enum(['ca', 'ag_ordinaire', 'ag_extraordinaire', 'bureau', 'comite_antenne']),
  title: vine.string().trim().minLength(3).maxLength(200),
  heldOn: isoDate(),
  heldTime: vine
    .string()
    .trim()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  location: vine.string().trim().maxLength(200).optional(),
  convenedAt: isoDate().optional(),
  agenda: vine.string().trim().maxLength(10000).optional(),
  secondConvening: vine.boolean().optional(),
})

export const attendanceValidator = vine.create({
  status: vine.enum(['present', 'excused', 'absent', 'represented']),
  proxyToId: vine.number().withoutDecimals().optional(),
})

export const resolutionValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(200),
  text: vine.string().trim().maxLength(10000).optional(),
  majority: vine.enum(['simple', 'absolute', 'two_thirds']),
  subjectKind: vine.enum([
    'approve_accounts',
    'allocate_result',
    'adopt_budget',
    'appointment',
    'other',
  ]),
  fiscalYearId: vine.number().withoutDecimals().optional(),
})

export const votesValidator = vine.create({
  choices: vine.record(vine.enum(['', 'for', 'against', 'abstention'])).optional(),
})

export const documentValidator = vine.create({
  title: vine.string().trim().minLength(2).maxLength(200),
})

export const quorumRuleValidator = vine.create({
  basis: vine.enum(['members', 'votes']),
  countsRepresented: vine.boolean().optional(),
  percent: vine.number().min(1).max(100),
  comparison: vine.enum(['gte', 'gt']),
  secondConveningWithoutQuorum: vine.boolean().optional(),
  maxProxiesPerPerson: vine.number().withoutDecimals().min(0).max(20),
  version: vine.number().withoutDecimals().optional(),
})

export const collegeValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  maxSeats: vine.number().withoutDecimals().min(1).max(200),
  ruleKind: vine.enum(['fixed_per_seat', 'consultative']),
  votesPerSeat: vine.number().min(0).max(1000).optional(),
  ruleText: vine.string().trim().maxLength(2000).optional(),
  version: vine.number().withoutDecimals().optional(),
})

export const memberBodyValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  kind: vine.enum(['epci', 'collectivite', 'etat', 'partenaire', 'usagers', 'autre']),
  isActive: vine.boolean().optional(),
  version: vine.number().withoutDecimals().optional(),
})

export const personValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(200),
  email: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
  memberBodyId: vine.number().withoutDecimals().positive().optional(),
  version: vine.number().withoutDecimals().optional(),
})

/** The shared French messages, with this form's field labels (start/validator.ts lacks them). */
const labelled = (labels: Record<string, string>): MessagesProviderContact => ({
  getMessage(message: string, rule: string, field: FieldContext, args?: Record<string, any>) {
    const name = labels[field.name] ?? field.name
    const relabelled = Object.create(field, { name: { value: name } }) as FieldContext
    return vine.messagesProvider.getMessage(message, rule, relabelled, args)
  },
})

memberBodyValidator.messagesProvider = labelled({
  name: 'nom',
  kind: 'catégorie',
  isActive: 'actif',
})
personValidator.messagesProvider = labelled({ memberBodyId: 'membre représenté' })
