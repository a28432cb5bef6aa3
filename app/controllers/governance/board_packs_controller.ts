import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { boardPackValidator } from '#validators/board_pack'
import SaveBoardPack from '#actions/governance/save_board_pack'
import { BoardPackContent, BoardPackSettings } from '#reports/governance/board_pack'
import { chartBars, isFigure, packCellText } from '#reports/governance/board_pack/blocks'
import { boardPackPdf } from '#exports/governance/board_pack_pdf'
import { boardPackWorkbook } from '#exports/governance/board_pack_workbook'
import { attachmentHeader, sendWorkbook } from '#http/downloads'
import { governanceCrumbs } from '#controllers/governance/params'

const meetingId = ({ params }: HttpContext) => Number(params.id)
const contentOf = (ctx: HttpContext) =>
  new BoardPackContent(ctx.tenant!, { meetingId: meetingId(ctx) }).build()

/**
 * A meeting's board pack: its sections chosen and ordered, previewed as a print-ready page,
 * downloaded as a PDF or a workbook (docs/adr/0013-board-pack-pdf.md).
 */
export default class BoardPacksController {
  async show(ctx: HttpContext) {
    const settings = await new BoardPackSettings(ctx.tenant!, { meetingId: meetingId(ctx) }).build()
    return ctx.view.render('pages/governance/board_packs/show', {
      ...settings,
      breadcrumbs: governanceCrumbs(
        { label: 'Séances', href: urlFor('governance.meetings.index') },
        {
          label: settings.meeting.title,
          href: urlFor('governance.meetings.show', { id: settings.meeting.id }),
        },
        { label: 'Dossier du conseil' }
      ),
    })
  }

  async preview(ctx: HttpContext) {
    return ctx.view.render('pages/governance/board_packs/preview', {
      pack: await contentOf(ctx),
      cellText: packCellText,
      isFigure,
      chartBars,
    })
  }

  async pdf(ctx: HttpContext) {
    const pack = await contentOf(ctx)
    const body = await boardPackPdf(pack, new Date())
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header(
      'Content-Disposition',
      attachmentHeader(`dossier-du-conseil-${pack.meeting.id}.pdf`)
    )
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    return ctx.response.send(body)
  }

  async export(ctx: HttpContext) {
    const pack = await contentOf(ctx)
    return sendWorkbook(
      ctx.response,
      `dossier-du-conseil-${pack.meeting.id}.xlsx`,
      boardPackWorkbook(pack)
    )
  }

  async update(ctx: HttpContext) {
    const { request, response, session, tenant } = ctx
    const input = await request.validateUsing(boardPackValidator)
    await SaveBoardPack.handle(tenant!, { meetingId: meetingId(ctx), ...input })
    session.flash('success', 'Sections du dossier enregistrées.')
    return response.redirect().toRoute('governance.board_packs.show', { id: meetingId(ctx) })
  }
}
