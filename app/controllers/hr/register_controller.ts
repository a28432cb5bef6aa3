import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import { DateTime } from 'luxon'
import { staffRegister, REGISTER_COLUMNS, INTERN_COLUMNS } from '#reports/hr/staff_register'
import { anonymiseLeavers } from '#actions/hr/register'
import { buildWorkbook } from '#support/spreadsheet/writer'

/** Registre unique du personnel (hr.personal). */
export default class RegisterController {
  async show({ view, auth }: HttpContext) {
    const register = await staffRegister(auth.user!.organisationId)
    return view.render('pages/hr/register', {
      register,
      columns: REGISTER_COLUMNS,
      breadcrumbs: [
        { label: 'Ressources humaines', href: '/rh' },
        { label: 'Registre unique du personnel' },
      ],
    })
  }

  async export({ response, auth }: HttpContext) {
    const register = await staffRegister(auth.user!.organisationId)
    const workbook = await buildWorkbook([
      { name: 'Registre du personnel', columns: REGISTER_COLUMNS, rows: register.lines },
      { name: 'Stagiaires', columns: INTERN_COLUMNS, rows: register.interns },
    ])
    return sendWorkbook(response, 'registre-unique-du-personnel.xlsx', workbook)
  }

  async anonymise({ response, session, auth }: HttpContext) {
    const today = DateTime.now().setZone('Europe/Paris').toISODate()!
    const count = await anonymiseLeavers(auth.user!.organisationId, today)
    session.flash(
      'success',
      count
        ? `${count} ancien(s) salarié(s) anonymisé(s).`
        : 'Aucun ancien salarié à anonymiser (départ de plus de 5 ans).'
    )
    return response.redirect('/rh/registre')
  }
}
