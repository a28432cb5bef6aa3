import { BankOperationSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

/** One operation of a statement, signed from the account's side (a credit is positive). */
export default class BankOperation extends compose(BankOperationSchema, OrganisationScoped) {}
