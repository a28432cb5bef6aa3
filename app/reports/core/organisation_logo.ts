import db from '@adonisjs/lucid/services/db'
import { NotFoundError } from '#support/domain_errors'
import { Report } from '#support/report'

export interface LogoImage {
  contentType: string
  bytes: Buffer
  sha256: string
}

/** The acting organisation's logo image, or a 404 when it has none. */
export class OrganisationLogo extends Report<Record<string, never>, LogoImage> {
  async build() {
    const row = await db
      .from('organisation_logos')
      .where('organisation_id', this.tenant.organisationId)
      .select('content_type', 'bytes', 'sha256')
      .first()
    if (!row) throw new NotFoundError('Cette organisation n’a pas de logo.')
    return { contentType: row.content_type, bytes: row.bytes, sha256: row.sha256 }
  }
}
