import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordEvent } from '#support/audit'
import { RuleError } from '#support/domain_errors'
import { sniffFile } from '#support/file_sniff'
import type { Tenant } from '#support/request_context'
import { withTransaction } from '#support/transaction'
import type { UploadedFile } from '#support/uploaded_file'
import { LOGO_TYPES, type LogoType } from '#vocabulary/core'

/** Largest logo, in bytes (the database refuses more: migration 8300). */
export const LOGO_MAX_BYTES = 512 * 1024

/** A refused logo: the refusal is about the file field of the form. */
class LogoRejected extends RuleError {
  constructor(message: string) {
    super(`${message} Le logo n’a pas changé.`, { field: 'fichier' })
  }
}

const isLogoType = (mime: string): mime is LogoType => mime in LOGO_TYPES

/**
 * Replaces the acting organisation's logo by an uploaded image: PNG or JPEG judged by its
 * content (never by its name or the browser's claim; SVG is refused, since it may carry
 * scripts), at most 512 KB, kept in the database with its SHA-256. Audited.
 */
export default class StoreOrganisationLogo {
  static async handle(
    tenant: Tenant,
    input: { file: UploadedFile | null },
    trx?: TransactionClientContract
  ) {
    const tmpPath = input.file?.tmpPath
    if (!input.file || !tmpPath) throw new LogoRejected('Choisissez une image.')
    const { size } = await stat(tmpPath)
    if (size === 0) throw new LogoRejected('Le fichier est vide.')
    if (size > LOGO_MAX_BYTES) {
      throw new LogoRejected(
        `L’image est trop volumineuse (${Math.ceil(size / 1024)} Ko) : 512 Ko au plus.`
      )
    }
    const type = await sniffFile(tmpPath)
    if (!type || !isLogoType(type.mime)) {
      throw new LogoRejected(
        `Type de fichier refusé${type ? ` (${type.label})` : ''} : le logo doit être une image PNG ou JPEG, quel que soit le nom du fichier.`
      )
    }
    const mime: LogoType = type.mime
    const bytes = await readFile(tmpPath)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    return withTransaction(trx, async (t) => {
      const previous = await t
        .from('organisation_logos')
        .where('organisation_id', tenant.organisationId)
        .select('content_type', 'sha256')
        .forUpdate()
        .first()
      await t.rawQuery(
        `INSERT INTO organisation_logos (organisation_id, content_type, bytes, sha256, updated_at)
         VALUES (?, ?, ?, ?, now())
         ON CONFLICT (organisation_id) DO UPDATE SET content_type = EXCLUDED.content_type,
           bytes = EXCLUDED.bytes, sha256 = EXCLUDED.sha256, updated_at = now()`,
        [tenant.organisationId, mime, bytes, sha256]
      )
      await recordEvent({
        domain: 'core',
        action: previous ? 'update' : 'create',
        subjectType: 'organisation_logos',
        subjectId: tenant.organisationId,
        summary: `Logo de l’organisation ${previous ? 'remplacé' : 'ajouté'} (${LOGO_TYPES[mime]}, ${Math.ceil(size / 1024)} Ko)`,
        before: previous ? { contentType: previous.content_type, sha256: previous.sha256 } : null,
        after: { contentType: mime, sha256, bytes: size },
        organisationId: tenant.organisationId,
        trx: t,
      })
      return { contentType: mime, sha256, size }
    })
  }
}
