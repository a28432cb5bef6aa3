import vine from '@vinejs/vine'
import { frenchAmount } from '#validators/rules'
import { codesOf } from '#vocabulary/labels'
import {
  CONTRACT_TYPES,
  CSP_CATEGORIES,
  END_REASONS,
  LEAVE_KINDS,
  SALARY_EVENT_KINDS,
  SEXES,
  TRAINING_COST_KINDS,
  TRAINING_FUNDERS,
  TRAINING_FUNDING_MODES,
  TRAINING_KINDS,
} from '#vocabulary/hr'
import type { Infer } from '@vinejs/vine/types'

const isoDate = () => vine.date({ formats: ['YYYY-MM-DD', 'DD/MM/YYYY'] })

export const employeeValidator = vine.create({
  surname: vine.string().trim().minLength(1).maxLength(120),
  firstNames: vine.string().trim().minLength(1).maxLength(200),
  sex: vine.enum(codesOf(SEXES)),
  birthDate: isoDate(),
  nationality: vine.string().trim().maxLength(80),
  workPermitType: vine.string().trim().maxLength(120).optional(),
  workPermitNumber: vine.string().trim().maxLength(60).optional(),
})

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

export const contractEndValidator = vine.create({
  endDate: isoDate(),
  endReason: vine.enum(codesOf(END_REASONS)),
})

export const salaryEventValidator = vine.create({
  effectiveDate: isoDate(),
  kind: vine.enum(codesOf(SALARY_EVENT_KINDS)),
  grossAnnualFte: frenchAmount({ nonZero: true }),
  comment: vine.string().trim().maxLength(255).optional(),
})

export const leaveValidator = vine.create({
  kind: vine.enum(codesOf(LEAVE_KINDS)),
  startDate: isoDate(),
  endDate: isoDate().afterOrSameAs('startDate'),
})

export const jobReferenceValidator = vine.create({
  code: vine.string().trim().minLength(1).maxLength(40),
  label: vine.string().trim().minLength(1).maxLength(120),
  defaultCsp: vine.enum(codesOf(CSP_CATEGORIES)).optional(),
})

export const periodValidator = vine.create({
  du: isoDate().optional(),
  au: isoDate().optional(),
  annee: vine.number().withoutDecimals().range([2000, 2100]).optional(),
})

export const trainingActionValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200),
  provider: vine.string().trim().maxLength(200).optional(),
  kind: vine.enum(codesOf(TRAINING_KINDS)),
})

export const trainingSessionValidator = vine.create({
  trainingActionId: vine.number().withoutDecimals().positive(),
  startDate: isoDate(),
  endDate: isoDate().afterOrSameAs('startDate'),
  place: vine.string().trim().maxLength(200).optional(),
})

export const trainingCostValidator = vine.create({
  trainingActionId: vine.number().withoutDecimals().positive(),
  kind: vine.enum(codesOf(TRAINING_COST_KINDS)),
  incurredOn: isoDate(),
  amount: frenchAmount({ nonZero: true }),
})

export const trainingFinancingValidator = vine.create({
  trainingActionId: vine.number().withoutDecimals().positive(),
  funder: vine.enum(codesOf(TRAINING_FUNDERS)),
  mode: vine.enum(codesOf(TRAINING_FUNDING_MODES)).optional(),
  requestedOn: isoDate(),
  amountExpected: frenchAmount(),
  amountReceived: frenchAmount().optional(),
  receivedOn: isoDate().optional(),
})

export const participationValidator = vine.create({
  trainingSessionId: vine.number().withoutDecimals().positive(),
  days: vine.number().min(0).max(365),
  hours: vine.number().min(0).max(2600).optional(),
})

export const allocationValidator = vine.create({
  programmeId: vine.number().withoutDecimals().positive(),
  month: vine.date({ formats: ['YYYY-MM', 'YYYY-MM-DD', 'MM/YYYY'] }),
  sharePercent: vine.number().min(0).max(100),
})

export type TrainingActionInput = Infer<typeof trainingActionValidator>
export type TrainingSessionInput = Infer<typeof trainingSessionValidator>
export type TrainingCostInput = Infer<typeof trainingCostValidator>
export type TrainingFinancingInput = Infer<typeof trainingFinancingValidator>
export type ParticipationInput = Infer<typeof participationValidator>

export const hrSettingsValidator = vine.create({
  employerChargeRate: vine.number().range([0, 150]),
})
export type ContractPayload = Infer<typeof contractValidator>
export type ContractEndInput = Infer<typeof contractEndValidator>
export type SalaryEventInput = Infer<typeof salaryEventValidator>
export type LeaveInput = Infer<typeof leaveValidator>
export type AllocationInput = Infer<typeof allocationValidator>
export type EmployeeInput = Infer<typeof employeeValidator>
export type JobReferenceInput = Infer<typeof jobReferenceValidator>
