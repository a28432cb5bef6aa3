import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/core/user'
import type Organisation from '#models/core/organisation'
import type { Role } from '#policies/role_matrix'

/** Demo only: printed at start-up and in the README. */
export const DEMO_PASSWORD = 'socle-demo-2023'

export const DEMO_USERS: Array<{ email: string; fullName: string; roles: Role[] }> = [
  { email: 'admin@demo.socle.fr', fullName: 'Alice Admin', roles: ['admin'] },
  { email: 'direction@demo.socle.fr', fullName: 'Denis Directeur', roles: ['direction'] },
  { email: 'finance@demo.socle.fr', fullName: 'Fanny Finances', roles: ['finance'] },
  { email: 'rh@demo.socle.fr', fullName: 'Hugo Ressources', roles: ['hr'] },
  { email: 'ca@demo.socle.fr', fullName: 'Bernard Administrateur', roles: ['board'] },
  { email: 'qualite@demo.socle.fr', fullName: 'Quentin Qualité', roles: ['quality'] },
]

export async function seedDemoUsers(organisation: Organisation, trx: TransactionClientContract) {
  for (const user of DEMO_USERS) {
    await User.create(
      { ...user, organisationId: organisation.id, password: DEMO_PASSWORD },
      { client: trx }
    )
  }
}
