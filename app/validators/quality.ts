import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import {
  ACTION_STATUSES,
  ASSESSMENT_STATUSES,
  AXIS_KINDS,
  EVIDENCE_LINK_KINDS,
} from '#vocabulary/quality'
import { codesOf } from '#vocabulary/labels'

const date = () => vine.date({ formats: ['YYYY-MM-DD'] })
const id = () => vine.number().withoutDecimals().min(1)

export const assessmentValidator = vine.create({
  status: vine.enum(codesOf(ASSESSMENT_STATUSES)),
  ownerId: id().optional(),
  dueDate: date().optional(),
  comment: vine.string().trim().maxLength(5000).optional(),
  version: vine.number().withoutDecimals(),
})

export const evidenceLinkValidator = vine.create({
  kind: vine.enum(codesOf(EVIDENCE_LINK_KINDS)),
  reference: vine.string().trim().minLength(1).maxLength(500),
  label: vine.string().trim().maxLength(300).optional(),
})

export const planValidator = vine.create({
  title: vine.string().trim().minLength(2).maxLength(200),
  startYear: vine.number().withoutDecimals().min(2000).max(2100),
  endYear: vine.number().withoutDecimals().min(2000).max(2100),
  announcedAxes: vine.number().withoutDecimals().min(0).max(100).optional(),
})

export const axisValidator = vine.create({
  kind: vine.enum(codesOf(AXIS_KINDS)),
  title: vine.string().trim().minLength(2).maxLength(300),
  description: vine.string().trim().maxLength(5000).optional(),
})

export const workingGroupValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  axisId: id().optional(),
})

export const memberValidator = vine.create({
  userId: id().optional(),
  fullName: vine.string().trim().maxLength(200).optional(),
  role: vine.string().trim().maxLength(100).optional(),
})

export const actionValidator = vine.create({
  axisId: id(),
  title: vine.string().trim().minLength(2).maxLength(300),
  ownerId: id().optional(),
  ownerName: vine.string().trim().maxLength(200).optional(),
  status: vine.enum(codesOf(ACTION_STATUSES)),
  dueDate: date().optional(),
})

export const actionStatusValidator = vine.create({
  status: vine.enum(codesOf(ACTION_STATUSES)),
  version: vine.number().withoutDecimals(),
})

export const milestoneValidator = vine.create({
  title: vine.string().trim().minLength(2).maxLength(300),
  dueDate: date().optional(),
  reachedOn: date().optional(),
})

export const axisCriterionValidator = vine.create({
  criterionId: id(),
})

export const referentialSettingsValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  thresholdPercent: vine.number().decimal([0, 2]).min(0.01).max(100),
  deadline: date().optional(),
  allowsNotApplicable: vine.enum(['1', '0']),
  version: vine.number().withoutDecimals(),
})

export const milestoneReachedValidator = vine.create({
  reachedOn: date(),
})

export type EvidenceLinkForm = Infer<typeof evidenceLinkValidator>
export type PlanForm = Infer<typeof planValidator>
export type AxisForm = Infer<typeof axisValidator>
export type WorkingGroupForm = Infer<typeof workingGroupValidator>
export type MemberForm = Infer<typeof memberValidator>
export type ActionForm = Infer<typeof actionValidator>
export type ActionStatusForm = Infer<typeof actionStatusValidator>
export type MilestoneForm = Infer<typeof milestoneValidator>
