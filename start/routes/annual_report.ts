import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

routeTable(
  {
    controllers: 'annual_report',
    as: 'annual_report',
    use: guard('annual_report.read'),
  },
  `
  GET  /rapport-annuel             show      annual_reports.show
  GET  /rapport-annuel.docx        document  annual_reports.document
  GET  /rapport-annuel.xlsx        export    annual_reports.export
  GET  /rapport-annuel/impression  print     annual_reports.print
  `
)

// The generated report taken as the year's "as printed" side of the reconciliation.
routeTable(
  {
    controllers: 'annual_report',
    as: 'annual_report',
    use: guard('reconciliation.run'),
  },
  `
  POST  /rapport-annuel/publication  publish  annual_report_publications.store
  `
)
