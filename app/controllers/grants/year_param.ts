/** The year asked for in ?annee= (2000–2100); by default the last closed year. */
export function yearOf(input: unknown) {
  const year = Number(input)
  return Number.isInteger(year) && year >= 2000 && year <= 2100
    ? year
    : new Date().getFullYear() - 1
}
