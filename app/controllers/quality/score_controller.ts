import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import Referential from '#models/quality/referential'
import { labellisationScore } from '#reports/quality/labellisation_score'
import { scoreWorkbook } from '#exports/quality/score'
import { STATUS_LABELS } from '#models/quality/labels'
import { NotFoundError } from '#support/domain_errors'

export default class ScoreController {
  private async score({ auth, request }: HttpContext) {
    const referentialId = Number(request.input('referentiel')) || undefined
    return labellisationScore(auth.user!.organisationId, { referentialId })
  }

  async show(ctx: HttpContext) {
    const score = await this.score(ctx)
    const editions = await Referential.query().orderBy('name').orderBy('edition', 'desc')
    const printable = ctx.request.url().endsWith('/impression')
    const chart = score && {
      type: 'bar',
      labels: score.themes.map((theme) => theme.name),
      datasets: [
        {
          label: 'Score (%)',
          data: score.themes.map((theme) =>
            theme.ratio ? theme.ratio.times(100).toDecimalPlaces(1).toNumber() : 0
          ),
        },
        {
          label: 'Seuil (%)',
          data: score.themes.map(() => score.referential.thresholdPercent.toNumber()),
        },
      ],
    }
    return ctx.view.render('pages/quality/score', {
      score,
      chart,
      editions,
      printable,
      statusLabels: STATUS_LABELS,
      query:
        score && !editions.find((e) => e.id === score.referential.id)?.isCurrent
          ? `?referentiel=${score.referential.id}`
          : '',
      breadcrumbs: [{ label: 'Qualité et labellisation' }],
    })
  }

  async export(ctx: HttpContext) {
    const score = await this.score(ctx)
    if (!score) throw new NotFoundError('Aucun référentiel de labellisation n’est encore chargé.')
    return sendWorkbook(
      ctx.response,
      `score-labellisation-${score.asOf.toISODate()}.xlsx`,
      await scoreWorkbook(score)
    )
  }
}
