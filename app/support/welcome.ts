import env from '#start/env'
import User from '#models/core/user'
import { acrossTenants } from '#support/request_context'
import { DEMO_PASSWORD } from '#database/seeders/demo_users'

/** Development server: where to go and whom to log in as. */
export async function printWelcome() {
  const demoUsers = await acrossTenants('demo logins printed at start', () =>
    User.query().where('email', 'like', '%@demo.socle.fr').orderBy('id')
  )
  const lines = [`\n  Socle est prêt : ${env.get('APP_URL')}`]
  if (demoUsers.length) {
    lines.push(`  Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})`)
    for (const user of demoUsers) lines.push(`    ${user.email.padEnd(32)} ${user.roleLabels}`)
  }
  console.log(lines.join('\n') + '\n')
}
