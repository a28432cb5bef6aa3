import { BankAccountSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

/** An account at a bank, tied to a 512x account of the chart (its CSV column mapping saved with it). */
export default class BankAccount extends compose(BankAccountSchema, OrganisationScoped) {}
