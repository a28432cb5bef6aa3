import vine from '@vinejs/vine'
import { calendarDate as isoDate, recordId } from '#validators/rules'
import { codesOf } from '#vocabulary/labels'
import { OVERHEAD_KEYS } from '#vocabulary/accounting'

export const fiscalYearValidator = vine.create({
  label: vine.string().trim().minLength(1).maxLength(60),
  startDate: isoDate(),
  endDate: isoDate(),
})

export const subAccountValidator = vine.create({
  number: vine
    .string()
    .trim()
    .regex(/^[1-8][0-9A-Za-z]{1,19}$/),
  label: vine.string().trim().minLength(2).maxLength(200),
})

const line = vine.object({
  accountNumber: vine.string().trim().maxLength(20).optional(),
  debit: vine.string().trim().maxLength(30).optional(),
  credit: vine.string().trim().maxLength(30).optional(),
  label: vine.string().trim().maxLength(500).optional(),
  // Chosen by name in the form; the draft action checks they belong to the organisation.
  programmeId: recordId().optional(),
  territoryId: recordId().optional(),
  grantId: recordId().optional(),
})

export const draftEntryValidator = vine.create({
  journalId: vine.number().positive(),
  entryDate: isoDate(),
  label: vine.string().trim().minLength(1).maxLength(500),
  pieceRef: vine.string().trim().maxLength(100).optional(),
  pieceDate: isoDate().optional(),
  version: vine.number().optional(),
  lines: vine.array(line).maxLength(500),
})

export const versionValidator = vine.create({
  version: vine.number().optional(),
})

export const reverseValidator = vine.create({
  date: isoDate().optional(),
})

export const fecImportValidator = vine.create({
  fiscalYearId: vine.number().positive(),
})

/** The cost per programme's query: the key spreading the overheads (?cle=, FTE by default). */
export const programmeCostsValidator = vine.create({
  cle: vine.enum(codesOf(OVERHEAD_KEYS)).optional(),
})

/** The overhead key saved for a fiscal year (the cost per programme's form). */
export const overheadKeyValidator = vine.create({
  exercice: recordId(),
  cle: vine.enum(codesOf(OVERHEAD_KEYS)),
  version: vine.number().withoutDecimals().min(0).optional(),
})
