import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { refuse } from '#imports/bank/statement'

/** A parsed XML element: text, attributes (`@_name`) and child elements. */
export type XmlNode = { [key: string]: XmlValue }
export type XmlValue = string | XmlNode | XmlValue[]

/**
 * Parses an XML statement without ever resolving an entity: a DOCTYPE or an ENTITY
 * declaration (billion laughs, external entities) is refused before the parser sees the file,
 * and malformed XML is refused with its line and column.
 */
export function parseXml(text: string, arrays: string[]): XmlNode {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    refuse('en-tête XML', 'déclaration DOCTYPE ou ENTITY interdite dans un relevé')
  }
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    refuse(`ligne ${valid.err.line}, colonne ${valid.err.col}`, `XML mal formé (${valid.err.msg})`)
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    processEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    trimValues: true,
    isArray: (name) => arrays.includes(name),
  })
  return parser.parse(text) as XmlNode
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * The five predefined entities and character references, decoded by hand: the parser's entity
 * processing stays off, and no other entity can exist once a DOCTYPE is refused.
 */
function decodeEntities(text: string) {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (_, name: string) => {
    if (name[0] !== '#') return PREDEFINED[name.toLowerCase()]
    const code =
      name[1].toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
  })
}

/** A child element (the first when repeated), or null. */
export function child(node: XmlValue | null | undefined, name: string): XmlValue | null {
  if (node === null || node === undefined || typeof node === 'string') return null
  if (Array.isArray(node)) return child(node[0], name)
  return node[name] ?? null
}

/** The element at a path of child names, or null. */
export function at(node: XmlValue | null, ...path: string[]): XmlValue | null {
  let current: XmlValue | null = node
  for (const name of path) current = child(current, name)
  return current
}

/** The text of an element (its `#text` when it has attributes), trimmed; null when absent. */
export function textOf(node: XmlValue | null): string | null {
  if (node === null) return null
  if (typeof node === 'string') return node.trim() === '' ? null : decodeEntities(node.trim())
  if (Array.isArray(node)) return textOf(node[0] ?? null)
  const text = node['#text']
  return typeof text === 'string' && text.trim() !== '' ? decodeEntities(text.trim()) : null
}

/** An attribute of an element, or null. */
export function attributeOf(node: XmlValue | null, name: string): string | null {
  if (node === null || typeof node === 'string' || Array.isArray(node)) return null
  const value = node[`@_${name}`]
  return typeof value === 'string' ? decodeEntities(value) : null
}

/** The repeated children of an element, as a list. */
export function listOf(node: XmlValue | null, name: string): XmlValue[] {
  if (node === null || typeof node === 'string' || Array.isArray(node)) return []
  const value = node[name]
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}
