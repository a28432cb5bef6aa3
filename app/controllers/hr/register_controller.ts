import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import StaffRegister, { REGISTER_COLUMNS } from '#reports/hr/staff_register'
import { staffRegisterWorkbook } from '#exports/hr/staff_register'
import AnonymiseLeavers from '#actions/hr/anonymise_leavers'
import { hrCrumbs } from '#controllers/hr/params'

/** Registre unique du personnel (hr.personal). */
export default class RegisterController {
  async show({ view, tenant }: HttpContext) {
    const register = await new StaffRegister(tenant!, {}).build()
    return view.render('pages/hr/register', {
      register,
      columns: REGISTER_COLUMNS,
      breadcrumbs: hrCrumbs({ label: 'Registre unique du personnel' }),
    })
  }

  async export({ response, tenant }: HttpContext) {
    const register = await new StaffRegister(tenant!, {}).build()
    return sendWorkbook(
      response,
      'registre-unique-du-personnel.xlsx',
      await staffRegisterWorkbook(register)
    )
  }

  async anonymise({ response, session, tenant }: HttpContext) {
    const count = await AnonymiseLeavers.handle(tenant!)
    session.flash(
      'success',
      count
        ? `${count} ancien(s) salarié(s) anonymisé(s).`
        : 'Aucun ancien salarié à anonymiser (départ de plus de 5 ans).'
    )
    return response.redirect().toRoute('hr.personal.register')
  }
}
