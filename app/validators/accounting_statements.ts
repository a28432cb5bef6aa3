import vine from '@vinejs/vine'
import { codesOf } from '#vocabulary/labels'
import { frenchAmount, recordId } from '#validators/rules'
import { BUDGET_VERSION_KINDS } from '#vocabulary/accounting'

export const budgetValidator = vine.create({
  fiscalYearId: vine.number().positive(),
  layoutCode: vine
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,40}$/),
  versionKind: vine.enum(codesOf(BUDGET_VERSION_KINDS)),
  label: vine.string().trim().minLength(2).maxLength(200),
})

export const budgetAmountsValidator = vine.create({
  version: vine.number(),
  montants: vine.record(vine.string().trim().maxLength(40).optional()).optional(),
})

export const reopenValidator = vine.create({
  motif: vine.string().trim().minLength(10).maxLength(2000),
})

/**
 * The allocation of a closed year's result: the general assembly's resolution chosen in the
 * list (an id the action checks: adopted, general assembly, that year, this organisation), the
 * share put to reserves and its account.
 */
export const allocationValidator = vine.create({
  resolutionId: recordId().optional(),
  toReserves: frenchAmount({ positive: false }).optional(),
  reserveAccount: vine
    .string()
    .trim()
    .regex(/^106\d*$/)
    .optional(),
})

export const layoutLineValidator = vine.create({
  label: vine.string().trim().minLength(1).maxLength(300),
  ranges: vine.string().trim().maxLength(2000).optional(),
  formula: vine.string().trim().maxLength(2000).optional(),
  version: vine.number(),
})
