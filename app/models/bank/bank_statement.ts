import { BankStatementSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

/** One imported statement (CAMT.053, OFX or CSV) and its balances. */
export default class BankStatement extends compose(BankStatementSchema, OrganisationScoped) {}
