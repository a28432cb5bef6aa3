import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class InstanceAdmin extends BaseCommand {
  static commandName = 'instance:admin'
  static description =
    'Fait d’un compte l’administrateur de l’instance (création et désactivation des organisations, réseaux), ou lui retire ce droit'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Adresse e-mail du compte' })
  declare email: string

  @flags.boolean({ description: 'Retirer le droit au lieu de le donner' })
  declare revoke: boolean

  async run() {
    const { default: SetInstanceAdmin } = await import('#actions/instance/set_instance_admin')
    const { DomainError } = await import('#support/domain_errors')
    try {
      const user = await SetInstanceAdmin.handle(
        { email: this.email, granted: !this.revoke },
        'instance:admin'
      )
      this.logger.success(
        this.revoke
          ? `${user.fullName} <${user.email}> n’est plus administrateur de l’instance.`
          : `${user.fullName} <${user.email}> est administrateur de l’instance : page « Instance » du menu.`
      )
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
    }
  }
}
