import { edgeGlobals } from 'edge.js'

const ATTRIBUTE_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/

/**
 * HTML attributes with every value escaped, for templates: `{{ html.attrs({ value, required }) }}`.
 *
 * Edge's own `html.attrs` (edge.js 6.5) writes values between quotes without escaping them, so a
 * stored `"` closes the attribute and the rest of the value becomes markup. This one replaces it
 * (see start/view.ts): `true` gives a bare boolean attribute (required, selected, multiple),
 * `false`, `null` and `undefined` leave the attribute out, anything else (0 and '' included) is
 * written as `name="escaped value"`; arrays are joined with spaces.
 */
export function htmlAttributes(values: Record<string, unknown>) {
  const parts: string[] = []
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === false) continue
    if (!ATTRIBUTE_NAME.test(name)) throw new Error(`Invalid HTML attribute name: ${name}`)
    if (value === true) {
      parts.push(name)
      continue
    }
    const text = Array.isArray(value) ? value.join(' ') : String(value)
    parts.push(`${name}="${edgeGlobals.html.escape(text)}"`)
  }
  return edgeGlobals.html.safe(parts.join(' '))
}
