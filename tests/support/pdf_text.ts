import { inflateSync } from 'node:zlib'

/**
 * The text of each page of a PDF printed by Chromium (page.pdf()), good enough for assertions:
 * content streams are inflated and their hex glyph strings decoded through each font's
 * ToUnicode map. Not a PDF reader: it knows only what Chromium's PDFs look like.
 */
export function pdfPagesText(pdf: Buffer): string[] {
  const text = pdf.toString('latin1')
  const objects = new Map<number, string>()
  for (const m of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2])
  const stream = (body: string | undefined) => {
    const m = body && /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body)
    if (!m) return ''
    const raw = Buffer.from(m[1], 'latin1')
    try {
      return (body.includes('FlateDecode') ? inflateSync(raw) : raw).toString('latin1')
    } catch {
      return ''
    }
  }
  const unicodeOf = (fontRef: number) => {
    const map = new Map<number, string>()
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontRef) ?? '')
    const cmap = ref ? stream(objects.get(Number(ref[1]))) : ''
    const hex = (h: string) => Buffer.from(h, 'hex').swap16().toString('utf16le')
    for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of section[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
        map.set(Number.parseInt(m[1], 16), hex(m[2]))
    }
    for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of section[1].matchAll(
        /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g
      )) {
        const [low, high, start] = [m[1], m[2], m[3]].map((h) => Number.parseInt(h, 16))
        for (let code = low; code <= high; code++)
          map.set(code, String.fromCharCode(start + code - low))
      }
    }
    return map
  }
  const pages: string[] = []
  for (const body of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(body)) continue
    const resources = /\/Resources (\d+) 0 R/.exec(body)
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(
      resources ? (objects.get(Number(resources[1])) ?? '') : body
    )
    const fonts = new Map<string, Map<number, string>>()
    for (const m of (fontDict?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g))
      fonts.set(m[1], unicodeOf(Number(m[2])))
    const contents = /\/Contents (\d+) 0 R/.exec(body)
    let font = new Map<number, string>()
    let page = ''
    for (const m of stream(objects.get(Number(contents?.[1]))).matchAll(
      /\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]+)>/g
    )) {
      if (m[1]) font = fonts.get(m[1]) ?? new Map()
      else
        for (let i = 0; i + 4 <= m[2].length; i += 4)
          page += font.get(Number.parseInt(m[2].slice(i, i + 4), 16)) ?? '?'
    }
    pages.push(page)
  }
  return pages
}
