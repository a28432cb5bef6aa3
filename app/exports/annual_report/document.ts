import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { AnnualReportResult, AnnualTable } from '#reports/annual_report/annual_report'
import { rowTexts } from '#exports/annual_report/cells'

const HEADER_FILL = 'E7EDF3'

function cell(text: string, options: { bold?: boolean; right?: boolean; fill?: string } = {}) {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.bold, size: 18 })],
      }),
    ],
    shading: options.fill
      ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill }
      : undefined,
  })
}

/** A real Word table: a repeated header row, figures right-aligned, totals in bold. */
function wordTable(table: AnnualTable) {
  const header = new TableRow({
    tableHeader: true,
    children: table.columns.map((column) =>
      cell(column.header, { bold: true, right: column.type !== 'text', fill: HEADER_FILL })
    ),
  })
  const rows = table.rows.map((_, index) => {
    const kind = table.rowClass[index]
    const bold = kind === 'total' || kind === 'subtotal' || kind === 'heading'
    return new TableRow({
      cantSplit: true,
      children: rowTexts(table, index).map((text, c) =>
        cell(text, { bold, right: table.columns[c].type !== 'text' })
      ),
    })
  })
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] })
}

/**
 * The annual report as a Word document: one heading per section and per table, each table a
 * real Word table, so that the communication team writes the text around them.
 */
export function annualReportDocument(report: AnnualReportResult) {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun(`Rapport d’activité et financier ${report.year}`)],
    }),
    new Paragraph({ children: [new TextRun(report.organisationName)] }),
  ]
  for (const section of report.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: section.title }))
    if (section.missing) children.push(new Paragraph({ text: section.missing }))
    for (const table of section.tables) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: table.title }))
      children.push(wordTable(table))
      if (table.note) {
        children.push(
          new Paragraph({ children: [new TextRun({ text: table.note, italics: true, size: 16 })] })
        )
      }
    }
  }
  const document = new Document({
    creator: 'Socle',
    title: `Rapport d’activité et financier ${report.year}`,
    sections: [{ children }],
  })
  return Packer.toBuffer(document)
}
