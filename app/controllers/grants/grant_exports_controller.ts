import type { HttpContext } from '@adonisjs/core/http'
import { GrantList, grantListFilters, grantListState } from '#reports/grants/grant_list'
import { GrantDetail } from '#reports/grants/grant_detail'
import { grantsWorkbook, grantDetailSheets } from '#exports/grants/sheets'
import { sendWorkbook } from '#http/downloads'
import { buildWorkbook } from '#support/spreadsheet/writer'

/** The conventions' workbooks: the list (as filtered) and one convention's page. */
export default class GrantExportsController {
  async index({ request, response, tenant }: HttpContext) {
    const table = grantListState(request.qs())
    const filters = grantListFilters(request.qs())
    const list = await new GrantList(tenant!, { filters, table, paginate: false }).build()
    return sendWorkbook(response, 'conventions.xlsx', await buildWorkbook(grantsWorkbook(list)))
  }

  async show({ params, response, tenant }: HttpContext) {
    const detail = await new GrantDetail(tenant!, { grantId: Number(params.id) }).build()
    return sendWorkbook(
      response,
      `convention-${detail.grant.id}.xlsx`,
      await buildWorkbook(grantDetailSheets(detail))
    )
  }
}
