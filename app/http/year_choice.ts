import type { HttpContext } from '@adonisjs/core/http'
import { pageYearValidator } from '#validators/core'
import { YearsWithData, type DataDomain } from '#reports/core/years_with_data'

/**
 * The year a yearly page shows: ?annee=, else the latest year with data for its domain
 * (#reports/core/years_with_data). The page's year picker (components/year_picker.edge) reads
 * the choices shared here with the view, so a controller only asks for the year.
 */
export async function pageYear(ctx: HttpContext, domain: DataDomain): Promise<number> {
  const { annee } = await pageYearValidator.validate(ctx.request.qs())
  const picker = await new YearsWithData(ctx.tenant!, { domain, requested: annee }).build()
  if ('view' in ctx) ctx.view.share({ yearPicker: picker })
  return picker.year
}
