import type { Row, SheetSpec } from '#support/spreadsheet/writer'
import { col } from '#support/spreadsheet/columns'
import { labelOf } from '#vocabulary/labels'
import { FLOW_SOURCES, RECURRENCES } from '#vocabulary/treasury'
import { forecastRows, periodLabel, type CashForecastData } from '#reports/treasury/cash_forecast'
import type { ForecastTable } from '#reports/treasury/forecast_engine'
import type ManualItem from '#models/treasury/manual_item'

type Sheet = SheetSpec & { rows: Iterable<Row> }

function tableSheet(name: string, table: ForecastTable, kind: 'weekly' | 'monthly'): Sheet {
  return {
    name,
    columns: [
      col.text('Ligne', 'label', 40),
      ...table.periods.map((period, index) => col.money(periodLabel(period, kind), `p${index}`)),
    ],
    rows: forecastRows(table).map((row) => ({
      label: row.label,
      ...Object.fromEntries(row.values.map((value, index) => [`p${index}`, value])),
    })),
  }
}

/** The forecast as a workbook: the weekly and monthly tables, then the flows and the delays. */
export function forecastSheets(forecast: CashForecastData): Sheet[] {
  return [
    tableSheet('13 semaines', forecast.weekly, 'weekly'),
    tableSheet('12 mois', forecast.monthly, 'monthly'),
    {
      name: 'Flux prévus',
      columns: [
        col.date('Date', 'date'),
        col.text('Source', 'source', 34),
        col.text('Libellé', 'label', 44),
        col.date('Date prévue à l’échéancier', 'expectedOn'),
        col.money('Montant', 'amount'),
      ],
      rows: forecast.flows.map((flow) => ({
        ...flow,
        source: labelOf(FLOW_SOURCES, flow.source),
        expectedOn: flow.expectedOn ?? null,
      })),
    },
    {
      name: 'Délais des financeurs',
      columns: [
        col.text('Financeur', 'funder', 36),
        col.integer('Versements observés', 'observations'),
        col.integer('Retard médian (jours)', 'medianDays'),
      ],
      rows: forecast.delays.map((delay) => ({ ...delay })),
    },
  ]
}

/** The manual items of the forecast as a workbook. */
export function manualItemsSheet(items: ManualItem[]): Sheet {
  return {
    name: 'Opérations prévues',
    columns: [
      col.text('Libellé', 'label', 40),
      col.date('Date', 'dueOn'),
      col.money('Montant', 'amount'),
      col.text('Récurrence', 'recurrence'),
      col.date('Dernière échéance', 'endsOn'),
    ],
    rows: items.map((item) => ({
      label: item.label,
      dueOn: item.dueOn.toISODate(),
      amount: item.amount,
      recurrence: labelOf(RECURRENCES, item.recurrence),
      endsOn: item.endsOn?.toISODate() ?? null,
    })),
  }
}
