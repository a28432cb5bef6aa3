import User from '#models/core/user'
import { NotFoundError } from '#support/domain_errors'
import { acrossTenants, actingAs } from '#support/request_context'

/**
 * Makes an account the instance administrator, or no longer (ADR 9): a flag on the account,
 * whatever organisation it acts for. Only ace commands do it (someone with the server in
 * hand); the change is audited in the account's own organisation.
 */
export default class SetInstanceAdmin {
  static async handle(input: { email: string; granted: boolean }, actorLabel: string) {
    const email = input.email.trim().toLowerCase()
    const user = await acrossTenants('an account named by e-mail on the command line', () =>
      User.query().whereRaw('lower(email) = ?', [email]).first()
    )
    if (!user) throw new NotFoundError(`Aucun compte n’utilise l’adresse ${email}.`)
    if (user.isInstanceAdmin === input.granted) return user
    return actingAs(
      { organisationId: user.organisationId, userId: null, label: actorLabel },
      async () => {
        user.isInstanceAdmin = input.granted
        await user.save()
        return user
      }
    )
  }
}
