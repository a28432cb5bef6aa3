import type { HttpContext } from '@adonisjs/core/http'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Content-Disposition for a download; non-ASCII names (é, ’) travel in RFC 5987 form. */
export function attachmentHeader(fileName: string) {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/** Headers of an Excel download (never rendered inline). */
export function workbookHeaders(response: HttpContext['response'], fileName: string) {
  response.header('Content-Type', XLSX)
  response.header('Content-Disposition', attachmentHeader(fileName))
  response.header('X-Content-Type-Options', 'nosniff')
}

/** Sends an in-memory workbook; large tables are streamed instead (`streamWorkbook`). */
export async function sendWorkbook(
  response: HttpContext['response'],
  fileName: string,
  workbook: Buffer | Promise<Buffer>
) {
  const body = await workbook
  workbookHeaders(response, fileName)
  response.send(body)
}
