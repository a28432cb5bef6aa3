import db from '@adonisjs/lucid/services/db'
import { makeOrganisation } from '#tests/helpers'
import { loadRapport2023 } from '#database/seeders/demo'
import { seedHr } from '#database/seeders/hr'
import { actingAs } from '#support/request_context'

/** An organisation holding the HR demo staff only (inside the test's rolled-back transaction). */
export async function seededHrOrganisation() {
  const organisation = await makeOrganisation('Mission Locale démo RH')
  const rapport = await loadRapport2023()
  await actingAs({ organisationId: organisation.id, userId: null, label: 'test' }, () =>
    db.transaction((trx) => seedHr(organisation, rapport, trx))
  )
  return { organisation, rapport }
}
