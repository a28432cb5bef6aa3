import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { fecImportValidator } from '#validators/accounting'
import { fecMaxBytes } from '#actions/accounting/import_fec'
import { settleOrphan, startFecImport, storeFecUpload } from '#imports/accounting/fec_runner'
import { FEC_IMPORT_KIND } from '#imports/accounting/fec_import'
import { buildWorkbook } from '#support/spreadsheet/writer'
import { LedgerError } from '#actions/accounting/errors'
import { fiscalYears, xlsxHeaders } from '#controllers/accounting/ledger_params'

const crumbs = (label: string) => [{ label: 'Comptabilité', href: '/comptabilite' }, { label }]

async function findImport(organisationId: number, id: unknown) {
  const record = await db
    .from('imports')
    .where({ id: Number(id), organisation_id: organisationId, kind: FEC_IMPORT_KIND })
    .first()
  if (!record) throw new LedgerError('Import introuvable.')
  return record
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
    if (!file.isValid)
      throw new LedgerError(`Fichier refusé : ${file.errors.map((e) => e.message).join(' ')}`)
    const path = await storeFecUpload(file)
    const importId = await startFecImport(path, fiscalYearId, file.clientName)
    return response.redirect(`/comptabilite/fec/imports/${importId}`)
  }

  async show({ params, view, auth }: HttpContext) {
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
      errors: record.errors?.list ?? [],
      errorCount: record.errors?.count ?? 0,
      breadcrumbs: crumbs(`Import FEC n° ${record.id}`),
    })
  }

  async errorsExport({ params, response, auth }: HttpContext) {
    const record = await findImport(auth.user!.organisationId, params.id)
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
          rows: record.errors?.list ?? [],
        },
      ])
    )
  }
}
