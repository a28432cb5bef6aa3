import app from '@adonisjs/core/services/app'
import { randomUUID } from 'node:crypto'
import type { UploadedFile } from '#support/uploaded_file'

/** Where meeting documents and signed minutes are kept (generated names, one folder). */
export const governanceStorageDir = () => app.makePath('storage/governance')

/** Moves an accepted upload into the governance storage under a generated name. */
export async function storeUpload(file: UploadedFile) {
  const storedName = `${randomUUID()}.${file.extname}`
  await file.move(governanceStorageDir(), { name: storedName })
  return storedName
}
