import vine from '@vinejs/vine'
import { labelled } from '#validators/rules'

const organisationId = () => vine.number().withoutDecimals().positive().max(2147483647)

/**
 * The instance administrator starts an organisation: the fields of `organisation:create`, which
 * checks them again (SIREN key, duplicates) and refuses in French.
 */
export const instanceOrganisationValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(200),
  siren: vine.string().trim().maxLength(20),
  adminName: vine.string().trim().minLength(2).maxLength(200),
  adminEmail: vine.string().trim().toLowerCase().email().maxLength(254),
})
instanceOrganisationValidator.messagesProvider = labelled({
  name: 'nom de l’organisation',
  siren: 'SIREN',
  adminName: 'nom de l’administrateur',
  adminEmail: 'adresse e-mail de l’administrateur',
})

/** An organisation joins a network (a regional association, itself an organisation). */
export const networkLinkValidator = vine.create({
  memberOrganisationId: organisationId(),
  networkOrganisationId: organisationId(),
})
networkLinkValidator.messagesProvider = labelled({
  memberOrganisationId: 'organisation membre',
  networkOrganisationId: 'réseau',
})
