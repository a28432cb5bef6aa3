import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { calendarDate, frenchAmount, labelled, recordId } from '#validators/rules'
import { codesOf } from '#vocabulary/labels'
import { MATCH_TARGETS, STATEMENT_FORMATS } from '#vocabulary/bank'
import { isValidIban, normaliseIban } from '#models/bank/iban'

const ibanRule = vine.createRule((value, _, field) => {
  if (typeof value !== 'string' || !isValidIban(value)) {
    field.report(
      'L’IBAN n’est pas valide (clé de contrôle incorrecte ou format inconnu).',
      'iban',
      field
    )
  } else {
    field.mutate(normaliseIban(value), field)
  }
})

export const bankAccountValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(120),
  accountId: recordId(),
  iban: vine.string().trim().maxLength(50).use(ibanRule()),
  bic: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/)
    .optional(),
})
bankAccountValidator.messagesProvider = labelled({
  name: 'nom',
  accountId: 'compte comptable',
  iban: 'IBAN',
  bic: 'BIC',
})
export type BankAccountInput = Infer<typeof bankAccountValidator>

const header = () => vine.string().trim().maxLength(80)

export const csvMappingValidator = vine.create({
  date: header(),
  valueDate: header().optional(),
  label: header(),
  amount: header().optional().requiredIfMissing(['debit', 'credit']),
  debit: header().optional().requiredIfMissing('amount'),
  credit: header().optional().requiredIfMissing('amount'),
  reference: header().optional(),
})
csvMappingValidator.messagesProvider = labelled({
  date: 'colonne de la date',
  valueDate: 'colonne de la date de valeur',
  label: 'colonne du libellé',
  amount: 'colonne du montant',
  debit: 'colonne du débit',
  credit: 'colonne du crédit',
  reference: 'colonne de la référence',
})
export type CsvMappingInput = Infer<typeof csvMappingValidator>

export const statementUploadValidator = vine.create({
  format: vine.enum(codesOf(STATEMENT_FORMATS)),
  /** CSV only: the closing balance printed by the bank, checked against the operations. */
  closingBalance: frenchAmount({ positive: false }).optional(),
})
statementUploadValidator.messagesProvider = labelled({
  format: 'format',
  closingBalance: 'solde de clôture',
})

/** Ids ticked in a form: one box ticked arrives as a single value. */
const ticked = (max: number) =>
  vine
    .array(recordId())
    .maxLength(max)
    .parse((value) => (typeof value === 'string' || typeof value === 'number' ? [value] : value))

export const manualMatchValidator = vine.create({
  operationIds: ticked(200).minLength(1),
  entryLineIds: ticked(200).optional(),
  receiptIds: ticked(50).optional(),
  instalmentIds: ticked(50).optional(),
  note: vine.string().trim().maxLength(500).optional(),
})
manualMatchValidator.messagesProvider = labelled({
  operationIds: 'opérations bancaires',
  entryLineIds: 'lignes comptables',
})
export type ManualMatchInput = Infer<typeof manualMatchValidator>

export const proposalValidator = vine.create({
  operationId: recordId(),
  target: vine.enum(codesOf(MATCH_TARGETS)),
  targetId: recordId(),
})
export type ProposalInput = Infer<typeof proposalValidator>

export const unmatchValidator = vine.create({
  reason: vine.string().trim().minLength(3).maxLength(500),
})
unmatchValidator.messagesProvider = labelled({ reason: 'motif' })

export const reconciliationDateValidator = vine.create({
  date: calendarDate().optional(),
})
