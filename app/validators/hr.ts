import vine from '@vinejs/vine'
import { frenchAmount } from '#validators/rules'
import { codesOf } from '#vocabulary/labels'
import {
  CONTRACT_TYPES,
  CSP_CATEGORIES,
  END_REASONS,
  LEAVE_KINDS,
  PAY_COMPONENT_KINDS,
  SALARY_EVENT_KINDS,
  SEXES,
  TRAINING_COST_KINDS,
  TRAINING_FUNDERS,
  TRAINING_FUNDING_MODES,
  TRAINING_KINDS,
} from '#vocabulary/hr'
import type { Infer } from '@vinejs/vine/types'

const isoDate = () => vine.date({ formats: ['YYYY-MM-DD', 'DD/MM/YYYY'] })

/** The version of the record the form was read from (optimistic lock). */
const version = () => vine.number().withoutDecimals().positive().optional()

const employeeFields = {
  surname: vine.string().trim().minLength(1).maxLength(120),
  firstNames: vine.string().trim().minLength(1).maxLength(200),
  sex: vine.enum(codesOf(SEXES)),
  birthDate: isoDate(),
  nationality: vine.string().trim().maxLength(80),
  workPermitType: vine.string().trim().maxLength(120).optional(),
  workPermitNumber: vine.string().trim().maxLength(60).optional(),
}
export const employeeValidator = vine.create(employeeFields)
export type EmployeeInput = Infer<typeof employeeValidator>

/** The identity form of a personal file (a correction): the same fields, and the version read. */
export const employeeIdentityValidator = vine.create({ ...employeeFields, version: version() })
export type EmployeeIdentityInput = Infer<typeof employeeIdentityValidator>

export const contractValidator = vine.create({
  contractType: vine.enum(codesOf(CONTRACT_TYPES)),
  jobTitle: vine.string().trim().minLength(1).maxLength(160),
  jobReferenceId: vine.number().withoutDecimals().positive().optional(),
  qualification: vine.string().trim().maxLength(160).optional(),
  csp: vine.enum(codesOf(CSP_CATEGORIES)).optional(),
  classificationLevel: vine.string().trim().maxLength(20).optional(),
  partTimeShare: vine.number().range([0.01, 1]),
  site: vine.string().trim().maxLength(120).optional(),
  startDate: isoDate(),
  endDate: isoDate().afterOrSameAs('startDate').optional(),
  endReason: vine.enum(codesOf(END_REASONS)).optional().requiredIfExists('endDate'),
})
export type ContractPayload = Infer<typeof contractValidator>

export const contractEndValidator = vine.create({
  endDate: isoDate(),
  endReason: vine.enum(codesOf(END_REASONS)),
})
export type ContractEndInput = Infer<typeof contractEndValidator>

export const salaryEventValidator = vine.create({
  effectiveDate: isoDate(),
  kind: vine.enum(codesOf(SALARY_EVENT_KINDS)),
  grossAnnualFte: frenchAmount({ nonZero: true }),
  comment: vine.string().trim().maxLength(255).optional(),
})
export type SalaryEventInput = Infer<typeof salaryEventValidator>

/** A pay component of a period (bonus, benefit in kind, overtime...), typed on the employee page. */
export const payComponentValidator = vine.create({
  kind: vine.enum(codesOf(PAY_COMPONENT_KINDS)),
  periodStart: isoDate(),
  periodEnd: isoDate().afterOrSameAs('periodStart'),
  amount: frenchAmount({ nonZero: true }),
  comment: vine.string().trim().maxLength(255).optional(),
})
export type PayComponentInput = Infer<typeof payComponentValidator>

/** Cancelling a pay component (append-only: the row stays, struck out, with its reason). */
export const payComponentCancelValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(255),
})
export type PayComponentCancelInput = Infer<typeof payComponentCancelValidator>

export const leaveValidator = vine.create({
  kind: vine.enum(codesOf(LEAVE_KINDS)),
  startDate: isoDate(),
  endDate: isoDate().afterOrSameAs('startDate'),
})
export type LeaveInput = Infer<typeof leaveValidator>

export const jobReferenceValidator = vine.create({
  code: vine.string().trim().minLength(1).maxLength(40),
  label: vine.string().trim().minLength(1).maxLength(120),
  defaultCsp: vine.enum(codesOf(CSP_CATEGORIES)).optional(),
})
export type JobReferenceInput = Infer<typeof jobReferenceValidator>

export const periodValidator = vine.create({
  du: isoDate().optional(),
  au: isoDate().optional(),
  annee: vine.number().withoutDecimals().range([2000, 2100]).optional(),
})

/*
 * The training records. A correction takes the same fields as the creation (less the parent
 * record, which does not change) and the version read.
 */

const trainingActionFields = {
  title: vine.string().trim().minLength(1).maxLength(200),
  provider: vine.string().trim().maxLength(200).optional(),
  kind: vine.enum(codesOf(TRAINING_KINDS)),
}
export const trainingActionValidator = vine.create(trainingActionFields)
export type TrainingActionInput = Infer<typeof trainingActionValidator>
export const trainingActionUpdateValidator = vine.create({
  ...trainingActionFields,
  version: version(),
})
export type TrainingActionUpdateInput = Infer<typeof trainingActionUpdateValidator>

const trainingSessionFields = {
  startDate: isoDate(),
  endDate: isoDate().afterOrSameAs('startDate'),
  place: vine.string().trim().maxLength(200).optional(),
}
export const trainingSessionValidator = vine.create({
  trainingActionId: vine.number().withoutDecimals().positive(),
  ...trainingSessionFields,
})
export type TrainingSessionInput = Infer<typeof trainingSessionValidator>
export const trainingSessionUpdateValidator = vine.create({
  ...trainingSessionFields,
  version: version(),
})
export type TrainingSessionUpdateInput = Infer<typeof trainingSessionUpdateValidator>

export const trainingCostValidator = vine.create({
  trainingActionId: vine.number().withoutDecimals().positive(),
  kind: vine.enum(codesOf(TRAINING_COST_KINDS)),
  incurredOn: isoDate(),
  amount: frenchAmount({ nonZero: true }),
})
export type TrainingCostInput = Infer<typeof trainingCostValidator>

const trainingFinancingFields = {
  funder: vine.enum(codesOf(TRAINING_FUNDERS)),
  mode: vine.enum(codesOf(TRAINING_FUNDING_MODES)).optional(),
  requestedOn: isoDate(),
  amountExpected: frenchAmount(),
}
export const trainingFinancingValidator = vine.create({
  trainingActionId: vine.number().withoutDecimals().positive(),
  ...trainingFinancingFields,
  amountReceived: frenchAmount().optional(),
  receivedOn: isoDate().optional(),
})
export type TrainingFinancingInput = Infer<typeof trainingFinancingValidator>
export const trainingFinancingUpdateValidator = vine.create({
  ...trainingFinancingFields,
  version: version(),
})
export type TrainingFinancingUpdateInput = Infer<typeof trainingFinancingUpdateValidator>

/** The refund received against a financing request (amount, date). */
export const trainingRefundValidator = vine.create({
  amountReceived: frenchAmount(),
  receivedOn: isoDate(),
  version: version(),
})
export type TrainingRefundInput = Infer<typeof trainingRefundValidator>

const participationFields = {
  days: vine.number().min(0).max(365),
  hours: vine.number().min(0).max(2600).optional(),
}
export const participationValidator = vine.create({
  trainingSessionId: vine.number().withoutDecimals().positive(),
  ...participationFields,
})
export type ParticipationInput = Infer<typeof participationValidator>
export const participationUpdateValidator = vine.create({
  ...participationFields,
  version: version(),
})
export type ParticipationUpdateInput = Infer<typeof participationUpdateValidator>

/** Cancelling a training record: the reason stays with the struck-out row. */
export const trainingCancellationValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(500),
})
export type TrainingCancellationInput = Infer<typeof trainingCancellationValidator>

export const allocationValidator = vine.create({
  programmeId: vine.number().withoutDecimals().positive(),
  month: vine.date({ formats: ['YYYY-MM', 'YYYY-MM-DD', 'MM/YYYY'] }),
  sharePercent: vine.number().min(0).max(100),
})
export type AllocationInput = Infer<typeof allocationValidator>

export const hrSettingsValidator = vine.create({
  employerChargeRate: vine.number().range([0, 150]),
})
