import type { HttpContext } from '@adonisjs/core/http'
import { sendWorkbook } from '#http/downloads'
import { LabellisationScore, type Score } from '#reports/quality/labellisation_score'
import { scoreWorkbook } from '#exports/quality/score'
import { ASSESSMENT_STATUSES } from '#vocabulary/quality'
import { NotFoundError } from '#support/domain_errors'
import { referentialParam } from '#controllers/quality/params'

/** The bar chart of the score per theme against the threshold. */
function chartOf(score: Score) {
  return {
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
        // Drawn as a dashed black line over the bars (resources/js/app.js, role 'threshold').
        label: 'Seuil (%)',
        type: 'line',
        role: 'threshold',
        data: score.themes.map(() => score.referential.thresholdPercent.toNumber()),
      },
    ],
  }
}

export default class ScoreController {
  async show({ request, view, tenant }: HttpContext) {
    const score = await new LabellisationScore(tenant!, referentialParam(request)).build()
    return view.render('pages/quality/score', {
      score,
      chart: score && chartOf(score),
      editions: score?.editions ?? [],
      printable: request.url().endsWith('/impression'),
      statusLabels: ASSESSMENT_STATUSES,
      qs: score && !score.referential.isCurrent ? { referentiel: score.referential.id } : {},
      breadcrumbs: [{ label: 'Qualité et labellisation' }],
    })
  }

  async export({ request, response, tenant }: HttpContext) {
    const score = await new LabellisationScore(tenant!, referentialParam(request)).build()
    if (!score) throw new NotFoundError('Aucun référentiel de labellisation n’est encore chargé.')
    return sendWorkbook(
      response,
      `score-labellisation-${score.asOf.toISODate()}.xlsx`,
      await scoreWorkbook(score)
    )
  }
}
