import { BankMatchItemSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

/** One side of a match: an operation, a ledger line, a grant receipt or an instalment. */
export default class BankMatchItem extends compose(BankMatchItemSchema, OrganisationScoped) {}
