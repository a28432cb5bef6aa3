import { PublishedValueSchema } from '#database/schema'
import { compose } from '@adonisjs/core/helpers'
import { OrganisationScoped } from '#models/mixins/organisation_scoped'

export default class PublishedValue extends compose(PublishedValueSchema, OrganisationScoped) {}
