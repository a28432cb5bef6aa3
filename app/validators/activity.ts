import vine from '@vinejs/vine'
import type { MessagesProviderContact } from '@vinejs/vine/types'
import { PROGRAMME_LEVEL_LABELS } from '#models/activity/programme'
import { TERRITORY_KIND_LABELS } from '#models/activity/territory'

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

const ACTIVITY_FIELD_LABELS: Record<string, string> = {
  code: 'code',
  name: 'nom',
  level: 'niveau',
  fseCofinanced: 'cofinancement FSE+',
  funderNames: 'financeurs',
  kind: 'nature',
  parentId: 'antenne de rattachement',
  version: 'version',
}

/** The global French messages, with the activity forms' field labels. */
const activityMessages: MessagesProviderContact = {
  getMessage(message, rule, field, args) {
    return vine.messagesProvider.getMessage(
      message,
      rule,
      { ...field, name: ACTIVITY_FIELD_LABELS[field.name] ?? field.name },
      args
    )
  },
}

// "nouveau" is the creation page's path segment: a code cannot take it.
const referentialCode = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)
    .notIn(['nouveau', 'NOUVEAU'])

export const programmeValidator = vine.create({
  code: referentialCode().maxLength(40),
  name: vine.string().trim().minLength(2).maxLength(200),
  level: vine.enum(Object.keys(PROGRAMME_LEVEL_LABELS)),
  fseCofinanced: vine.boolean().optional(),
  funderNames: vine.string().trim().maxLength(500).optional(),
  version: vine.number().withoutDecimals().optional(),
})
programmeValidator.messagesProvider = activityMessages

export const territoryValidator = vine.create({
  code: referentialCode().maxLength(80),
  name: vine.string().trim().minLength(2).maxLength(200),
  kind: vine.enum(Object.keys(TERRITORY_KIND_LABELS)),
  parentId: vine.number().withoutDecimals().positive().optional(),
  version: vine.number().withoutDecimals().optional(),
})
territoryValidator.messagesProvider = activityMessages
