import type { HttpContext } from '@adonisjs/core/http'
import { bureauRoleValidator } from '#validators/governance'
import SetBureauRole from '#actions/governance/set_bureau_role'

/** A seat's office in the bureau (president, treasurer...), given or taken back. */
export default class SeatOfficesController {
  async update({ params, request, response, session, tenant }: HttpContext) {
    const { bureauRole } = await request.validateUsing(bureauRoleValidator)
    const seat = await SetBureauRole.handle(tenant!, {
      seatId: Number(params.id),
      bureauRole: bureauRole || null,
    })
    session.flash(
      'success',
      seat.bureauRole
        ? `${seat.memberBody.name} : fonction au bureau enregistrée.`
        : `${seat.memberBody.name} ne siège plus au bureau.`
    )
    return response.redirect().toRoute('governance.index')
  }
}
