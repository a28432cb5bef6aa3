import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { CashForecast, forecastRows, periodLabel } from '#reports/treasury/cash_forecast'
import { forecastChart } from '#reports/treasury/forecast_chart'
import { forecastSheets } from '#exports/treasury/forecast'
import { scenarioOf } from '#controllers/treasury/scenario_param'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { FLOW_SOURCES, OPENING_SOURCES, REDUCTION_KINDS } from '#vocabulary/treasury'

/** The cash-flow forecast: the page with its scenario, its workbook and its print view. */
export default class ForecastController {
  async show(ctx: HttpContext) {
    return this.#render(ctx, 'pages/treasury/forecast')
  }

  async print(ctx: HttpContext) {
    return this.#render(ctx, 'pages/treasury/print')
  }

  async export({ request, response, tenant }: HttpContext) {
    const { params } = await scenarioOf(request)
    const forecast = await new CashForecast(tenant!, params).build()
    return sendWorkbook(
      response,
      `previsionnel-tresorerie-${forecast.opening.date}.xlsx`,
      await buildWorkbook(forecastSheets(forecast))
    )
  }

  async #render({ request, response, tenant, view }: HttpContext, template: string) {
    const scenario = await scenarioOf(request)
    const forecast = await new CashForecast(tenant!, scenario.params).build()
    if (scenario.errors.length) response.status(422)
    return view.render(template, {
      forecast,
      scenarioErrors: scenario.errors,
      query: request.qs(),
      weeklyRows: forecastRows(forecast.weekly),
      monthlyRows: forecastRows(forecast.monthly),
      weeklyLabels: forecast.weekly.periods.map((p) => periodLabel(p, 'weekly')),
      monthlyLabels: forecast.monthly.periods.map((p) => periodLabel(p, 'monthly')),
      chart: forecastChart(forecast),
      sourceLabels: FLOW_SOURCES,
      openingLabels: OPENING_SOURCES,
      reductionLabels: REDUCTION_KINDS,
      breadcrumbs: [
        { label: 'Trésorerie', href: urlFor('treasury.forecast.show') },
        { label: 'Prévisionnel' },
      ],
    })
  }
}
