import vine from '@vinejs/vine'
import { frenchAmount } from '#validators/rules'

const CONTRACT_TYPES = [
  'cdi',
  'cdd',
  'cdd_remplacement',
  'apprentissage',
  'professionnalisation',
] as const
const END_REASONS = [
  'demission',
  'rupture_conventionnelle',
  'licenciement',
  'retraite',
  'fin_cdd',
  'fin_periode_essai',
  'rupture_anticipee',
  'deces',
  'autre',
] as const
const isoDate = () => vine.date({ formats: ['YYYY-MM-DD', 'DD/MM/YYYY'] })

export const hrYearValidator = vine.create({
  annee: vine.number().withoutDecimals().range([2000, 2100]).optional(),
})

export const employeeValidator = vine.create({
  surname: vine.string().trim().minLength(1).maxLength(120),
  firstNames: vine.string().trim().minLength(1).maxLength(200),
  sex: vine.enum(['F', 'H']),
  birthDate: isoDate(),
  nationality: vine.string().trim().maxLength(80),
  workPermitType: vine.string().trim().maxLength(120).optional(),
  workPermitNumber: vine.string().trim().maxLength(60).optional(),
})

export const contractValidator = vine.create({
  contractType: vine.enum(CONTRACT_TYPES),
  jobTitle: vine.string().trim().minLength(1).maxLength(160),
  jobReferenceId: vine.number().withoutDecimals().positive().optional(),
  qualification: vine.string().trim().maxLength(160).optional(),
  csp: vine.enum(['ouvrier', 'employe', 'tam', 'cadre']).optional(),
  classificationLevel: vine.string().trim().maxLength(20).optional(),
  partTimeShare: vine.number().range([0.01, 1]),
  site: vine.string().trim().maxLength(120).optional(),
  startDate: isoDate(),
  endDate: isoDate().afterOrSameAs('startDate').optional(),
  endReason: vine.enum(END_REASONS).optional().requiredIfExists('endDate'),
})

export const contractEndValidator = vine.create({
  endDate: isoDate(),
  endReason: vine.enum(END_REASONS),
})

export const salaryEventValidator = vine.create({
  effectiveDate: isoDate(),
  kind: vine.enum(['hire', 'raise', 'promotion', 'general']),
  grossAnnualFte: frenchAmount({ nonZero: true }),
  comment: vine.string().trim().maxLength(255).optional(),
})

export const leaveValidator = vine.create({
  kind: vine.enum(['maternite', 'adoption']),
  startDate: isoDate(),
  endDate: isoDate().afterOrSameAs('startDate'),
})

export const jobReferenceValidator = vine.create({
  code: vine.string().trim().minLength(1).maxLength(40),
  label: vine.string().trim().minLength(1).maxLength(120),
  defaultCsp: vine.enum(['ouvrier', 'employe', 'tam', 'cadre']).optional(),
})

export const periodValidator = vine.create({
  du: isoDate().optional(),
  au: isoDate().optional(),
  annee: vine.number().withoutDecimals().range([2000, 2100]).optional(),
})

export { CONTRACT_TYPES, END_REASONS }

export const trainingActionValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200),
  provider: vine.string().trim().maxLength(200).optional(),
  kind: vine.enum(['plan', 'alternance', 'tutorat', 'cpf', 'autre']),
})

export const trainingSessionValidator = vine.create({
  trainingActionId: vine.number().withoutDecimals().positive(),
  startDate: isoDate(),
  endDate: isoDate().afterOrSameAs('startDate'),
  place: vine.string().trim().maxLength(200).optional(),
})

export const trainingCostValidator = vine.create({
  trainingActionId: vine.number().withoutDecimals().positive(),
  kind: vine.enum(['pedagogique', 'transport', 'hebergement', 'repas', 'salaire']),
  incurredOn: isoDate(),
  amount: frenchAmount({ nonZero: true }),
})

export const trainingFinancingValidator = vine.create({
  trainingActionId: vine.number().withoutDecimals().positive(),
  funder: vine.enum(['employeur', 'uniformation', 'cpf', 'autre']),
  mode: vine.enum(['alternance', 'fonction_tutorale', 'fonds_mutualises_plan']).optional(),
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
