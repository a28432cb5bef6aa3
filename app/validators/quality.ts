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
/** The version of the record the form was read from (optimistic lock). */
const version = () => vine.number().withoutDecimals()

export const assessmentValidator = vine.create({
  status: vine.enum(codesOf(ASSESSMENT_STATUSES)),
  ownerId: id().optional(),
  dueDate: date().optional(),
  comment: vine.string().trim().maxLength(5000).optional(),
  version: version(),
})

export const evidenceLinkValidator = vine.create({
  kind: vine.enum(codesOf(EVIDENCE_LINK_KINDS)),
  reference: vine.string().trim().minLength(1).maxLength(500),
  label: vine.string().trim().maxLength(300).optional(),
})
export type EvidenceLinkForm = Infer<typeof evidenceLinkValidator>

export const planValidator = vine.create({
  title: vine.string().trim().minLength(2).maxLength(200),
  startYear: vine.number().withoutDecimals().min(2000).max(2100),
  endYear: vine.number().withoutDecimals().min(2000).max(2100),
  announcedAxes: vine.number().withoutDecimals().min(0).max(100).optional(),
})
export type PlanForm = Infer<typeof planValidator>

const axisFields = {
  kind: vine.enum(codesOf(AXIS_KINDS)),
  title: vine.string().trim().minLength(2).maxLength(300),
  description: vine.string().trim().maxLength(5000).optional(),
}
export const axisValidator = vine.create(axisFields)
export type AxisForm = Infer<typeof axisValidator>

const workingGroupFields = {
  name: vine.string().trim().minLength(2).maxLength(200),
  axisId: id().optional(),
}
export const workingGroupValidator = vine.create(workingGroupFields)
export type WorkingGroupForm = Infer<typeof workingGroupValidator>

export const memberValidator = vine.create({
  userId: id().optional(),
  fullName: vine.string().trim().maxLength(200).optional(),
  role: vine.string().trim().maxLength(100).optional(),
})
export type MemberForm = Infer<typeof memberValidator>

export const actionValidator = vine.create({
  axisId: id(),
  title: vine.string().trim().minLength(2).maxLength(300),
  ownerId: id().optional(),
  ownerName: vine.string().trim().maxLength(200).optional(),
  status: vine.enum(codesOf(ACTION_STATUSES)),
  dueDate: date().optional(),
})
export type ActionForm = Infer<typeof actionValidator>

/** The status of an action; with a title, the whole action is corrected (owner, due date). */
export const actionStatusValidator = vine.create({
  status: vine.enum(codesOf(ACTION_STATUSES)),
  version: version(),
  title: vine.string().trim().minLength(2).maxLength(300).optional(),
  ownerId: id().optional(),
  ownerName: vine.string().trim().maxLength(200).optional(),
  dueDate: date().optional(),
})
export type ActionStatusForm = Infer<typeof actionStatusValidator>

export const axisUpdateValidator = vine.create({ ...axisFields, version: version() })
export type AxisUpdateForm = Infer<typeof axisUpdateValidator>

export const workingGroupUpdateValidator = vine.create({
  ...workingGroupFields,
  version: version(),
})
export type WorkingGroupUpdateForm = Infer<typeof workingGroupUpdateValidator>

export const milestoneValidator = vine.create({
  title: vine.string().trim().minLength(2).maxLength(300),
  dueDate: date().optional(),
  reachedOn: date().optional(),
})
export type MilestoneForm = Infer<typeof milestoneValidator>

export const axisCriterionValidator = vine.create({
  criterionId: id(),
})

export const referentialSettingsValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  thresholdPercent: vine.number().decimal([0, 2]).min(0.01).max(100),
  deadline: date().optional(),
  allowsNotApplicable: vine.enum(['1', '0']),
  version: version(),
})

/** A milestone reached on a day; with a title, the milestone corrected (title, dates). */
export const milestoneReachedValidator = vine.create({
  reachedOn: date().optional(),
  title: vine.string().trim().minLength(2).maxLength(300).optional(),
  dueDate: date().optional(),
})
export type MilestoneReachedForm = Infer<typeof milestoneReachedValidator>
