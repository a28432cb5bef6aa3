import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, mkdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { parseDsn, type DsnIssue } from '#imports/hr/dsn/parser'
import { planDsn } from '#imports/hr/dsn/plan'

/** The import kind of a monthly DSN in the imports journal. */
export const DSN_IMPORT_KIND = 'rh.dsn'

/**
 * The copy of a DSN kept between preview and commit, named as the shared pipeline names its
 * copies, so that its purge of expired previews deletes it too (HR files do not linger).
 */
export function storedDsnPath(record: { id: number; sha256: string }) {
  return join(app.makePath('storage/imports'), `${record.id}-${record.sha256}.bin`)
}

export async function fileFacts(path: string) {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk)
  const { size } = await stat(path)
  return { sha256: hash.digest('hex'), size }
}

export async function keepDsnCopy(path: string, record: { id: number; sha256: string }) {
  await mkdir(app.makePath('storage/imports'), { recursive: true })
  await copyFile(path, storedDsnPath(record)).catch(async (error) => {
    await rm(storedDsnPath(record), { force: true })
    throw error
  })
}

export function dropDsnCopy(record: { id: number; sha256: string }) {
  return rm(storedDsnPath(record), { force: true })
}

/** Parses a DSN file and plans it against the organisation's register. */
export async function readDsn(path: string, organisationId: number, client: QueryClientContract) {
  const { size } = await stat(path)
  const organisation = await client
    .from('organisations')
    .where('id', organisationId)
    .select('siren')
    .first()
  const parsed = await parseDsn(path, size, { siren: organisation?.siren ?? null })
  if (!parsed.declaration) return { plan: null, issues: parsed.issues }
  return planDsn(organisationId, parsed.declaration, client)
}

/** The issues as the imports journal keeps them (the rubric in the column's place). */
export function journalIssues(issues: DsnIssue[]) {
  return JSON.stringify(
    issues.map((i) => ({ line: i.line, column: i.rubric, value: i.value, message: i.message }))
  )
}
