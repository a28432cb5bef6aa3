import { BankMatchSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

/** A match: bank operations tied to ledger lines, grant receipts or instalments. */
export default class BankMatch extends compose(BankMatchSchema, OrganisationScoped) {}
