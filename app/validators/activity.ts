import vine from '@vinejs/vine'
import { frenchAmount, labelled, recordId } from '#validators/rules'
import type { Infer } from '@vinejs/vine/types'
import { PROGRAMME_LEVELS, TERRITORY_KINDS } from '#vocabulary/activity'
import { CHECK_STATUSES } from '#vocabulary/reconciliation'
import { codesOf } from '#vocabulary/labels'

/** ?annee=2023&indicateur=jeunes_accompagnes on the values page and its export. */
export const valueQueryValidator = vine.create({
  annee: vine.number().withoutDecimals().range([2000, 2100]).optional(),
  indicateur: vine.string().trim().maxLength(80).optional(),
})

export const reconciliationFilterValidator = vine.create({
  annee: vine.number().withoutDecimals().range([2000, 2100]).optional(),
  statut: vine.enum(codesOf(CHECK_STATUSES)).optional(),
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

const activityMessages = labelled(ACTIVITY_FIELD_LABELS)

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
  level: vine.enum(codesOf(PROGRAMME_LEVELS)),
  fseCofinanced: vine.boolean().optional(),
  funderNames: vine.string().trim().maxLength(500).optional(),
  version: vine.number().withoutDecimals().optional(),
})
programmeValidator.messagesProvider = activityMessages
export type ProgrammeInput = Infer<typeof programmeValidator>

export const territoryValidator = vine.create({
  code: referentialCode().maxLength(80),
  name: vine.string().trim().minLength(2).maxLength(200),
  kind: vine.enum(codesOf(TERRITORY_KINDS)),
  parentId: vine.number().withoutDecimals().positive().optional(),
  version: vine.number().withoutDecimals().optional(),
})
territoryValidator.messagesProvider = activityMessages
export type TerritoryInput = Infer<typeof territoryValidator>

/** A stored indicator value corrected by hand (the value only: its cell stays). */
export const indicatorValueValidator = vine.create({
  value: frenchAmount(),
})

/** A programme's yearly target on one indicator. */
export const programmeTargetValidator = vine.create({
  indicatorId: recordId(),
  year: vine.number().withoutDecimals().range([2000, 2100]),
  target: frenchAmount(),
})

/** A target corrected: its figure, against the version the form was built from. */
export const programmeTargetUpdateValidator = vine.create({
  target: frenchAmount(),
  version: vine.number().withoutDecimals(),
})

/** The year of the targets screen and of an import from the conventions. */
export const targetYearValidator = vine.create({
  annee: vine.number().withoutDecimals().range([2000, 2100]),
})

export type ProgrammeTargetInput = Infer<typeof programmeTargetValidator>
export type ProgrammeTargetUpdate = Infer<typeof programmeTargetUpdateValidator>
