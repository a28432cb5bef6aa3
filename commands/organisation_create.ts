import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class OrganisationCreate extends BaseCommand {
  static commandName = 'organisation:create'
  static description =
    'Crée une organisation (plan comptable, journaux, états, règles de quorum) et son administrateur, et affiche son lien de bienvenue'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Nom de la Mission Locale', required: true })
  declare name: string

  @flags.string({ description: 'SIREN (9 chiffres)', required: true })
  declare siren: string

  @flags.string({ description: 'Adresse e-mail de l’administrateur', required: true })
  declare adminEmail: string

  @flags.string({ description: 'Nom de l’administrateur', required: true })
  declare adminName: string

  @flags.boolean({
    description:
      'Faire aussi de cet administrateur l’administrateur de l’instance (voir instance:admin)',
  })
  declare instanceAdmin: boolean

  async run() {
    const { createOrganisation } = await import('#actions/core/create_organisation')
    const { DomainError } = await import('#support/domain_errors')
    const { LINK_LIFETIME_HOURS } = await import('#models/core/one_time_link')
    const { default: env } = await import('#start/env')
    try {
      const { organisation, admin, token } = await createOrganisation({
        name: this.name,
        siren: this.siren,
        adminEmail: this.adminEmail,
        adminName: this.adminName,
      })
      const base = env.get('APP_URL').replace(/\/+$/, '')
      this.logger.success(
        `Organisation « ${organisation.name} » créée (SIREN ${organisation.siren}, n° ${organisation.id}) : plan comptable, journaux, états et règles de quorum en place.`
      )
      this.logger.info(
        `Administrateur : ${admin.fullName} <${admin.email}>, sans mot de passe pour l’instant.`
      )
      if (this.instanceAdmin) {
        const { default: SetInstanceAdmin } = await import('#actions/instance/set_instance_admin')
        await SetInstanceAdmin.handle({ email: admin.email, granted: true }, 'organisation:create')
        this.logger.info('Il est aussi administrateur de l’instance.')
      }
      this.logger.info(
        `Transmettez-lui ce lien à usage unique (valable ${LINK_LIFETIME_HOURS.welcome} heures) pour choisir son mot de passe :`
      )
      this.logger.log(`${base}/bienvenue/${token}`)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      this.logger.error(`${error.message} Rien n’a été créé.`)
      this.exitCode = 1
    }
  }
}
