import vine from '@vinejs/vine'
import { calendarDate as isoDate, labelled, recordId } from '#validators/rules'
import { codesOf } from '#vocabulary/labels'
import {
  ATTENDANCE_STATUSES,
  BUREAU_ROLES,
  COLLEGE_RULE_KINDS,
  MAJORITIES,
  MEETING_KINDS,
  MEMBER_KINDS,
  OBTAINED_BY,
  QUORUM_BASES,
  QUORUM_COMPARISONS,
  SEAT_ROLES,
  SUBJECT_KINDS,
  VOTE_CHOICES,
} from '#vocabulary/governance'

export const seatValidator = vine.create({
  collegeId: vine.number().withoutDecimals(),
  memberBodyName: vine.string().trim().minLength(2).maxLength(200),
  memberKind: vine.enum(codesOf(MEMBER_KINDS)),
  personName: vine.string().trim().minLength(2).maxLength(200).optional(),
  personEmail: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
  role: vine.enum(codesOf(SEAT_ROLES)),
  mandateStart: isoDate(),
  mandateEnd: isoDate().optional(),
  obtainedBy: vine.enum(codesOf(OBTAINED_BY)),
  reEligible: vine.boolean().optional(),
  derivedFromEpci: vine.boolean().optional(),
  titularSeatId: recordId().optional(),
  bureauRole: vine.enum(codesOf(BUREAU_ROLES)).optional(),
})

export const bureauRoleValidator = vine.create({
  bureauRole: vine.enum(['', ...codesOf(BUREAU_ROLES)]).optional(),
})

export const seatEndValidator = vine.create({ mandateEnd: isoDate() })

export const compositionFilterValidator = vine.create({ date: isoDate().optional() })

export const meetingValidator = vine.create({
  kind: vine.enum(codesOf(MEETING_KINDS)),
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
  status: vine.enum(codesOf(ATTENDANCE_STATUSES)),
  proxyToId: vine.number().withoutDecimals().optional(),
})

/**
 * The whole attendance list: rows["m<attendance id>"] = { status, proxyToId } (keys are not
 * numbers: numeric keys would be parsed as a sparse array).
 */
export const attendanceListValidator = vine.create({
  rows: vine.record(
    vine.object({
      status: vine.enum(codesOf(ATTENDANCE_STATUSES)),
      proxyToId: recordId().optional(),
    })
  ),
})

export const resolutionValidator = vine.create({
  title: vine.string().trim().minLength(3).maxLength(200),
  text: vine.string().trim().maxLength(10000).optional(),
  majority: vine.enum(codesOf(MAJORITIES)),
  subjectKind: vine.enum(codesOf(SUBJECT_KINDS)),
  // Chosen by name in the meeting page; one of another organisation is refused by its key.
  fiscalYearId: recordId().optional(),
})

export const votesValidator = vine.create({
  choices: vine.record(vine.enum(['', ...codesOf(VOTE_CHOICES)])).optional(),
})

/** Proclaiming a result: the checkbox « Je confirme la proclamation » (the action requires it). */
export const proclamationValidator = vine.create({
  confirmation: vine.boolean().optional(),
})

/** A rectification of a proclaimed result: the votes as they should be, and why. */
export const rectificationValidator = vine.create({
  choices: vine.record(vine.enum(['', ...codesOf(VOTE_CHOICES)])),
  reason: vine.string().trim().minLength(5).maxLength(2000),
})

export const documentValidator = vine.create({
  title: vine.string().trim().minLength(2).maxLength(200),
})

export const quorumRuleValidator = vine.create({
  basis: vine.enum(codesOf(QUORUM_BASES)),
  countsRepresented: vine.boolean().optional(),
  percent: vine.number().min(1).max(100),
  comparison: vine.enum(codesOf(QUORUM_COMPARISONS)),
  secondConveningWithoutQuorum: vine.boolean().optional(),
  maxProxiesPerPerson: vine.number().withoutDecimals().min(0).max(20),
  castingVote: vine.boolean().optional(),
  version: vine.number().withoutDecimals().optional(),
})

export const collegeValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  maxSeats: vine.number().withoutDecimals().min(1).max(200),
  ruleKind: vine.enum(codesOf(COLLEGE_RULE_KINDS)),
  votesPerSeat: vine.number().min(0).max(1000).optional(),
  ruleText: vine.string().trim().maxLength(2000).optional(),
  version: vine.number().withoutDecimals().optional(),
})

export const memberBodyValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  kind: vine.enum(codesOf(MEMBER_KINDS)),
  isActive: vine.boolean().optional(),
  version: vine.number().withoutDecimals().optional(),
})

export const personValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(200),
  email: vine.string().trim().toLowerCase().email().maxLength(254).optional(),
  memberBodyId: vine.number().withoutDecimals().positive().optional(),
  version: vine.number().withoutDecimals().optional(),
})

memberBodyValidator.messagesProvider = labelled({
  name: 'nom',
  kind: 'catégorie',
  isActive: 'actif',
})
personValidator.messagesProvider = labelled({ memberBodyId: 'membre représenté' })
rectificationValidator.messagesProvider = labelled({
  reason: 'motif de la rectification',
  choices: 'votes',
})
attendanceListValidator.messagesProvider = labelled({ rows: 'présences' })
seatValidator.messagesProvider = labelled({
  titularSeatId: 'titulaire suppléé',
  bureauRole: 'fonction au bureau',
})
