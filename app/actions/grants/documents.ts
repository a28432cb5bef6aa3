import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import type { UploadedFile } from '#support/uploaded_file'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Grant from '#models/grants/grant'
import GrantDocument from '#models/grants/grant_document'
import { currentActor } from '#support/request_context'

export function documentPath(storedName: string) {
  return app.makePath('storage/grants', storedName)
}

/** Stores the signed convention under a generated name; the user's file name is only a label. */
export async function storeDocument(
  grant: Grant,
  file: UploadedFile,
  trx: TransactionClientContract
) {
  const storedName = `${randomUUID()}.${file.extname ?? 'bin'}`
  const hash = createHash('sha256')
    .update(await readFile(file.tmpPath!))
    .digest('hex')
  await mkdir(app.makePath('storage/grants'), { recursive: true })
  const doc = await GrantDocument.create(
    {
      grantId: grant.id,
      kind: 'convention',
      originalName: file.clientName.slice(0, 255),
      storedName,
      mimeType: file.headers['content-type'] ?? null,
      sizeBytes: file.size,
      sha256: hash,
      userId: currentActor()?.userId ?? null,
    },
    { client: trx }
  )
  await file.move(app.makePath('storage/grants'), { name: storedName, overwrite: false })
  return doc
}
