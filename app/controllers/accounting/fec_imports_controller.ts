import { unlink } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { fecImportValidator } from '#validators/accounting'
import { fecMaxBytes } from '#actions/accounting/import_fec'
import { settleOrphan, startFecImport, storeFecUpload } from '#imports/accounting/fec_runner'
import { FEC_IMPORT_KIND } from '#imports/accounting/fec_import'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { LedgerError } from '#actions/accounting/errors'
import { uploadRefusal } from '#middleware/upload_middleware'
import { fiscalYears, masksPayroll, xlsxHeaders } from '#controllers/accounting/ledger_params'

const crumbs = (label: string) => [{ label: 'Comptabilité', href: '/comptabilite' }, { label }]

async function findImport(organisationId: number, id: unknown) {
  const record = await db
    .from('imports')
    .where({ id: Number(id), organisation_id: organisationId, kind: FEC_IMPORT_KIND })
    .first()
  if (!record) throw new LedgerError('Import introuvable.')
  return record
}

/**
 * Errors of a rejected file; their values are cells of the FEC (auxiliary labels, line labels of
 * payroll) and are hidden from readers without payroll detail.
 */
async function fileErrors(ctx: HttpContext, record: any): Promise<any[]> {
  const list: any[] = record.errors?.list ?? []
  if (!(await masksPayroll(ctx))) return list
  return list.map((error) => ({ ...error, value: error.value ? '(masqué)' : '' }))
}

export default class FecImportsController {
  async create({ view, auth }: HttpContext) {
    const { years } = await fiscalYears(auth.user!.organisationId, null)
    const recent = await db
      .from('imports')
      .where({ organisation_id: auth.user!.organisationId, kind: FEC_IMPORT_KIND })
      .orderBy('id', 'desc')
      .limit(20)
    return view.render('pages/accounting/fec/create', {
      years: years.filter((y) => y.status === 'open').map((y) => ({ value: y.id, label: y.label })),
      recent,
      maxMb: Math.round(fecMaxBytes() / 1024 / 1024),
      breadcrumbs: crumbs('Import FEC'),
    })
  }

  async store({ request, response }: HttpContext) {
    const { fiscalYearId } = await request.validateUsing(fecImportValidator)
    const file = request.file('fichier', { size: `${fecMaxBytes()}B` as never })
    if (!file || !file.tmpPath) throw new LedgerError('Choisissez un fichier FEC.')
    const refusal = uploadRefusal(file)
    if (refusal) throw new LedgerError(`Fichier refusé : ${refusal}`)
    const path = await storeFecUpload(file)
    // Once started, the import deletes its file; before that, a failure must not leave it.
    const importId = await startFecImport(path, fiscalYearId, file.clientName).catch(
      async (error) => {
        await unlink(path).catch(() => {})
        throw error
      }
    )
    return response.redirect(`/comptabilite/fec/imports/${importId}`)
  }

  async show(ctx: HttpContext) {
    const { params, view, auth } = ctx
    let record = await findImport(auth.user!.organisationId, params.id)
    if (await settleOrphan(record)) record = await findImport(auth.user!.organisationId, params.id)
    const running = record.status === 'running'
    const total = Number(record.progress_total ?? 0)
    const percent = total > 0 ? Math.floor((100 * Number(record.progress_done ?? 0)) / total) : 0
    const counts = await db.rawQuery(
      `SELECT count(*) AS entries, (SELECT count(*) FROM entry_lines l JOIN entries e2 ON e2.id = l.entry_id WHERE e2.import_id = ?) AS lines,
              (SELECT coalesce(sum(l.debit), 0)::text FROM entry_lines l JOIN entries e2 ON e2.id = l.entry_id WHERE e2.import_id = ?) AS debit
         FROM entries WHERE import_id = ?`,
      [record.id, record.id, record.id]
    )
    return view.render('pages/accounting/fec/show', {
      record,
      running,
      percent,
      counts: counts.rows[0],
      errors: await fileErrors(ctx, record),
      errorCount: record.errors?.count ?? 0,
      breadcrumbs: crumbs(`Import FEC n° ${record.id}`),
    })
  }

  async errorsExport(ctx: HttpContext) {
    const { params, response, auth } = ctx
    const record = await findImport(auth.user!.organisationId, params.id)
    const errors = await fileErrors(ctx, record)
    xlsxHeaders(response, `erreurs-fec-${record.id}.xlsx`)
    return response.send(
      await buildWorkbook([
        {
          name: 'Erreurs',
          columns: [
            { header: 'Ligne', key: 'line', type: 'integer' },
            { header: 'Champ', key: 'field', type: 'text', width: 16 },
            { header: 'Valeur', key: 'value', type: 'text', width: 30 },
            { header: 'Motif', key: 'reason', type: 'text', width: 70 },
          ],
          rows: errors,
        },
      ])
    )
  }
}
