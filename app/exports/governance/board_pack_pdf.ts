import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import pdfmake from 'pdfmake'
import { DateTime } from 'luxon'
import type { Content, TableCell } from 'pdfmake'
import { formatDate, formatNumber, PARIS_ZONE } from '#support/french_format'
import {
  chartBars,
  isFigure,
  packCellText,
  type BoardPackDocument,
  type PackBlock,
} from '#reports/governance/board_pack/blocks'

// The Roboto fonts shipped inside the pdfmake package (docs/adr/0013-board-pack-pdf.md): no
// system font, no browser, the same bytes on every machine.
const require = createRequire(import.meta.url)
const ROBOTO = require('pdfmake/fonts/Roboto.js') as Record<string, Record<string, string>>
const FONT_DIR = dirname(ROBOTO.Roboto.normal)
pdfmake.setFonts(ROBOTO)
// A pack embeds its logo as a data URL: never read a file or a URL named by a document.
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR))
pdfmake.setUrlAccessPolicy(() => false)

type DocumentDefinition = Parameters<typeof pdfmake.createPdf>[0]

const ACCENT = '#1f4e79'
const BAR_COLOURS = ['#1f4e79', '#9aa5b1']
const BAR_NAMES = ['en bleu', 'en gris']
const BAR_WIDTH = 200

/**
 * Roboto has no narrow no-break space (U+202F, the thousands separator of fr-FR): it becomes a
 * no-break space, which Roboto has, so "1 234 567,89 €" never breaks nor shows a blank glyph.
 */
const pdfText = (text: string) => text.replace(/\u202f/g, '\u00a0')

function figures(block: Extract<PackBlock, { kind: 'figures' }>): Content {
  return {
    table: {
      widths: ['*', 'auto'],
      body: block.items.map((item) => [
        { text: pdfText(item.label) },
        { text: pdfText(packCellText(item, item.value)), alignment: 'right', bold: true },
      ]),
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 10],
  }
}

const ROW_STYLE = {
  heading: { bold: true, fillColor: '#e8eef4' },
  subtotal: { bold: true },
  total: { bold: true, fillColor: '#dde6ee' },
  detail: { italics: true, color: '#444444' },
} as const

function table(block: Extract<PackBlock, { kind: 'table' }>): Content[] {
  const header: TableCell[] = block.columns.map((column) => ({
    text: pdfText(column.header),
    bold: true,
    color: 'white',
    fillColor: ACCENT,
    alignment: isFigure(column) ? 'right' : 'left',
  }))
  const body: TableCell[][] = block.rows.map((row, index) => {
    const rowClass = block.rowClass?.[index] ?? null
    const style = rowClass ? ROW_STYLE[rowClass] : {}
    return block.columns.map((column, c) => ({
      // A heading row names its block: its figure cells stay blank.
      text: rowClass === 'heading' && c > 0 ? '' : pdfText(packCellText(column, row[column.key])),
      alignment: isFigure(column) ? 'right' : 'left',
      ...style,
    }))
  })
  return [
    { text: pdfText(block.title), style: 'h2' },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: block.columns.map((column, i) =>
          i === 0 ? '*' : column.type === 'text' ? 90 : 'auto'
        ),
        body: [header, ...body],
      },
      layout: 'lightHorizontalLines',
      fontSize: block.columns.length > 5 ? 7.5 : 8.5,
      margin: [0, 0, 0, 10],
    },
  ]
}

/** Horizontal bars drawn as vectors, one row a label, the value written beside each bar. */
function chart(block: Extract<PackBlock, { kind: 'chart' }>): Content[] {
  const rows = chartBars(block)
  const legend =
    block.series.length > 1
      ? block.series
          .map((series, i) => `${BAR_NAMES[i % BAR_NAMES.length]} : ${series.label}`)
          .join(' ; ')
      : null
  return [
    { text: pdfText(`Graphique : ${block.title}`), style: 'h2' },
    ...(legend ? [{ text: pdfText(legend), fontSize: 8, margin: [0, 0, 0, 4] } as Content] : []),
    {
      table: {
        widths: [150, BAR_WIDTH, '*'],
        body: rows.map((row) => [
          { text: pdfText(row.label), fontSize: 8 },
          {
            canvas: row.bars.map((bar, i) => ({
              type: 'rect' as const,
              x: 0,
              y: 1 + i * 7,
              w: Math.max(0.5, bar.share * BAR_WIDTH),
              h: 6,
              color: BAR_COLOURS[i % BAR_COLOURS.length],
            })),
          },
          {
            text: pdfText(
              row.bars
                .map((bar) => formatNumber(bar.value, Number.isInteger(bar.value) ? 0 : 1))
                .join(' / ')
            ),
            fontSize: 8,
          },
        ]),
      },
      layout: 'noBorders',
      margin: [0, 0, 0, 12],
    },
  ]
}

function cover(block: Extract<PackBlock, { kind: 'cover' }>): Content[] {
  return [
    ...(block.logo
      ? [{ image: block.logo.dataUrl, fit: [160, 100], margin: [0, 0, 0, 30] } as Content]
      : []),
    {
      text: pdfText(block.organisation),
      fontSize: 16,
      bold: true,
      color: ACCENT,
      margin: [0, 60, 0, 30],
    },
    { text: pdfText(block.title), fontSize: 28, bold: true, margin: [0, 0, 0, 12] },
    { text: pdfText(block.subtitle), fontSize: 16, margin: [0, 0, 0, 8] },
    {
      text: pdfText(`Séance du ${block.date}${block.location ? `, ${block.location}` : ''}`),
      fontSize: 12,
    },
    ...(block.year
      ? [
          {
            text: pdfText(`Comptes de l’${block.year.toLowerCase()}`),
            fontSize: 12,
            margin: [0, 8, 0, 0],
          } as Content,
        ]
      : []),
  ]
}

function blockContent(block: PackBlock): Content | Content[] {
  // pdfmake refuses a table without rows: an empty block says so, or is left out.
  if (block.kind === 'figures' && !block.items.length) return []
  if (block.kind === 'chart' && !block.labels.length) return []
  if (block.kind === 'table' && !block.rows.length) {
    return [
      { text: pdfText(block.title), style: 'h2' },
      { text: 'Aucune ligne.', margin: [0, 0, 0, 8] },
    ]
  }
  switch (block.kind) {
    case 'cover':
      return cover(block)
    case 'text':
      return { text: pdfText(block.text), margin: [0, 0, 0, 8] }
    case 'list':
      return [
        ...(block.title ? [{ text: pdfText(block.title), style: 'h2' } as Content] : []),
        { ul: block.items.map(pdfText), margin: [0, 0, 0, 8] },
      ]
    case 'figures':
      return figures(block)
    case 'table':
      return table(block)
    case 'chart':
      return chart(block)
  }
}

function render(pack: BoardPackDocument, generatedAt: Date): Promise<Buffer> {
  const [first, ...rest] = pack.sections
  const coverFirst = first?.key === 'cover'
  const sections = coverFirst ? rest : pack.sections
  const content: Content[] = []
  if (coverFirst) content.push(...first.blocks.flatMap((block) => blockContent(block)))
  content.push({
    toc: { title: { text: 'Sommaire', style: 'h1' }, numberStyle: { bold: true } },
    ...(coverFirst ? { pageBreak: 'before' as const } : {}),
  })
  for (const section of sections) {
    content.push({
      text: pdfText(section.title),
      style: 'h1',
      tocItem: true,
      pageBreak: 'before',
    })
    for (const block of section.blocks) {
      const drawn = blockContent(block)
      content.push(...(Array.isArray(drawn) ? drawn : [drawn]))
    }
  }
  const running = pdfText(`${pack.organisation} — ${pack.meeting.title}`)
  const made = formatDate(DateTime.fromJSDate(generatedAt).setZone(PARIS_ZONE))
  const definition: DocumentDefinition = {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    language: 'fr-FR',
    info: {
      title: pdfText(`Dossier du conseil — ${pack.meeting.title}`),
      author: pdfText(pack.organisation),
      subject: 'Dossier du conseil',
      creator: 'Socle',
    },
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 16, bold: true, color: ACCENT, margin: [0, 0, 0, 10] },
      h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
    },
    header: (page: number) =>
      page === 1 && coverFirst
        ? null
        : { text: running, fontSize: 7.5, color: '#555555', margin: [40, 20, 40, 0] },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: pdfText(`Généré le ${made}`), fontSize: 7.5, color: '#555555' },
        { text: `Page ${page} sur ${pages}`, alignment: 'right', fontSize: 8 },
      ],
      margin: [40, 15, 40, 0],
    }),
    content,
  }
  return pdfmake.createPdf(definition).getBuffer()
}

const hasLogo = (pack: BoardPackDocument) =>
  pack.sections.some((s) => s.blocks.some((b) => b.kind === 'cover' && b.logo))

const withoutLogo = (pack: BoardPackDocument): BoardPackDocument => ({
  ...pack,
  sections: pack.sections.map((section) => ({
    ...section,
    blocks: section.blocks.map((block) =>
      block.kind === 'cover' ? { ...block, logo: null } : block
    ),
  })),
})

/**
 * The board pack as a PDF, made on the server by pdfmake (docs/adr/0013-board-pack-pdf.md): the
 * cover, a table of contents with page numbers, then one section a page onwards; every page but
 * the cover carries the meeting and "page n sur N".
 */
export async function boardPackPdf(pack: BoardPackDocument, generatedAt: Date) {
  try {
    return await render(pack, generatedAt)
  } catch (error) {
    // The upload checks a logo's type by its first bytes only: an image PDFKit cannot read
    // leaves the cover without a logo rather than the meeting without a pack.
    if (!hasLogo(pack)) throw error
    return render(withoutLogo(pack), generatedAt)
  }
}
