import { OrganisationSchema } from '#database/schema'

export default class Organisation extends OrganisationSchema {}
