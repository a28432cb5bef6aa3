import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#support/request_context'

/**
 * The tenant of an ace command: the organisation named by `--organisation` (slug or id), or
 * the only one when there is exactly one, or the demo organisation. Undefined when none fits
 * (the command then says so and stops).
 */
export async function commandTenant(
  organisation: string | number | undefined,
  label: string
): Promise<(Actor & { slug: string }) | undefined> {
  const organisations: Array<{ id: number; slug: string }> = await db
    .from('organisations')
    .select('id', 'slug')
    .orderBy('id')
  const wanted = organisation === undefined ? undefined : String(organisation)
  const found = wanted
    ? organisations.find((o) => o.slug === wanted || String(o.id) === wanted)
    : organisations.length === 1
      ? organisations[0]
      : organisations.find((o) => o.slug === 'we-ker')
  if (!found) return undefined
  return { organisationId: found.id, slug: found.slug, userId: null, label }
}
