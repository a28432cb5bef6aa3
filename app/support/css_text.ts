/**
 * Text written inside a double-quoted CSS string of a <style> element (the printed pages'
 * footer): letters, digits, spaces and plain punctuation are kept, anything else becomes a space,
 * so no quote, backslash, `<` or line break can end the string or the element.
 */
export function cssText(text: string): string {
  return text.replace(/[^\p{L}\p{N} .,'’&()-]/gu, ' ')
}
