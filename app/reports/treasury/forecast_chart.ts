import type { CashForecastData } from '#reports/treasury/cash_forecast'
import { periodLabel } from '#reports/treasury/cash_forecast'

/**
 * The chart of the forecast page (resources/js/app.js draws it): the balance at the end of each
 * month and its lowest point, with the board's threshold as a dashed line. The monthly table
 * under it holds the same figures.
 */
export function forecastChart(forecast: CashForecastData) {
  const periods = forecast.monthly.periods
  const threshold = forecast.threshold.amount
  return {
    type: 'line',
    labels: periods.map((period) => periodLabel(period, 'monthly')),
    datasets: [
      { label: 'Solde en fin de mois', data: periods.map((p) => p.closing.toNumber()) },
      { label: 'Solde le plus bas du mois', data: periods.map((p) => p.lowest.amount.toNumber()) },
      ...(threshold
        ? [
            {
              label: 'Seuil fixé par le conseil',
              role: 'threshold',
              data: periods.map(() => threshold.toNumber()),
            },
          ]
        : []),
    ],
  }
}
