import { BankUnmatchingSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

/** A match undone: who, when and why. */
export default class BankUnmatching extends compose(BankUnmatchingSchema, OrganisationScoped) {}
