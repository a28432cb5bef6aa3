import type { HttpContext } from '@adonisjs/core/http'
import GenerateBoardPack from '#actions/governance/generate_board_pack'

/** Generating the board pack's PDF and filing it with the meeting's documents. */
export default class BoardPackDocumentsController {
  async store({ params, response, session, tenant }: HttpContext) {
    const { pack } = await GenerateBoardPack.handle(tenant!, { meetingId: Number(params.id) })
    session.flash(
      'success',
      `Dossier du conseil généré (édition ${pack.edition}) et joint aux documents de la séance.`
    )
    return response.redirect().toRoute('governance.board_packs.show', { id: params.id })
  }
}
