import type { ApiClient } from '@japa/api-client'
import type User from '#models/core/user'
import { sampleFile } from '#tests/fixtures/bank'

/** Tables an import or a match writes: a refused request changes none of them. */
export const BANK_TABLES = [
  'bank_statements',
  'bank_operations',
  'bank_matches',
  'bank_match_items',
  'bank_unmatchings',
  'imports',
  'audit_events',
]

/** Uploads a statement file to a bank account (no redirect followed). */
export async function upload(
  client: ApiClient,
  user: User,
  bankAccountId: number,
  name: string,
  content: string | Buffer,
  fields: Record<string, string> = {}
) {
  const path = await sampleFile(name, content)
  return client
    .post(`/banque/comptes/${bankAccountId}/releves`)
    .file('fichier', path)
    .fields({
      format: name.endsWith('.xml') ? 'camt053' : name.endsWith('.csv') ? 'csv' : 'ofx',
      ...fields,
    })
    .withCsrfToken()
    .actingAs(user)
    .redirects(0)
}
