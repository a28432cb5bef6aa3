import { DateTime } from 'luxon'
import { anonymiseLeavers } from '#actions/hr/register'
import type { Tenant } from '#support/request_context'

/** Anonymises the employees gone for more than five years (today in Paris); returns how many. */
export default class AnonymiseLeavers {
  static handle(tenant: Tenant) {
    const today = DateTime.now().setZone('Europe/Paris').toISODate()!
    return anonymiseLeavers(tenant.organisationId, today)
  }
}
