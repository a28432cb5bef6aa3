import vine from '@vinejs/vine'

/** ?annee=2023 on the activity and reconciliation pages. */
export const yearQueryValidator = vine.create({
  annee: vine.number().withoutDecimals().range([2000, 2100]).optional(),
})

export const reconciliationFilterValidator = vine.create({
  annee: vine.number().withoutDecimals().range([2000, 2100]).optional(),
  statut: vine.enum(['ok', 'rounding', 'discrepancy', 'missing_data']).optional(),
  domaine: vine.string().trim().maxLength(40).optional(),
  run: vine.number().withoutDecimals().positive().optional(),
})

export const reconciliationRunValidator = vine.create({
  annee: vine.number().withoutDecimals().range([2000, 2100]),
})
