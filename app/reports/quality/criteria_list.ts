import Criterion from '#models/quality/criterion'
import Referential from '#models/quality/referential'

/**
 * The criteria of one referential edition (the current one by default) with their theme,
 * assessment, owner and evidence counts, in referential order.
 */
export async function criteriaList(referentialId?: number) {
  const query = Referential.query()
  const referential = await (
    referentialId ? query.where('id', referentialId) : query.where('is_current', true)
  ).first()
  if (!referential) return { referential: null, criteria: [] as Criterion[] }
  const criteria = await Criterion.query()
    .where('referential_id', referential.id)
    .preload('theme')
    .preload('assessment', (q) => q.preload('owner'))
    .withCount('evidenceFiles')
    .withCount('evidenceLinks')
    .orderBy('position')
  return { referential, criteria }
}
