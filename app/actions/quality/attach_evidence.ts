import { RuleError } from '#support/domain_errors'
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import qualityConfig from '#config/quality'
import Criterion from '#models/quality/criterion'
import EvidenceFile from '#models/quality/evidence_file'
import type { Tenant } from '#support/request_context'
import { sniffFile } from '#support/file_sniff'
import { withTransaction } from '#support/transaction'
import type { UploadedFile } from '#support/uploaded_file'

/** A refused file: the refusal is about the file field of the form. */
export class EvidenceRejected extends RuleError {
  constructor(message: string) {
    super(message, { field: 'fichier' })
  }
}

export const ACCEPTED_TYPES_TEXT =
  'PDF, image PNG ou JPEG, document Word (.docx), classeur Excel (.xlsx), document OpenDocument (.odt, .ods) ou texte brut'

function megabytes(bytes: number) {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} Mo`.replace('.', ',')
}

/** The client's name, kept for display and as the download name only: never a path on disk. */
export function cleanFileName(name: string | undefined) {
  const cleaned = basename((name ?? '').replace(/\\/g, '/'))
    .split('')
    .filter((char) => char.charCodeAt(0) >= 0x20 && char !== '\u007f' && char !== '"')
    .join('')
    .trim()
  return (cleaned || 'piece-justificative').slice(0, 255)
}

async function sha256(path: string) {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk)
  return hash.digest('hex')
}

/**
 * Stores an uploaded evidence file of a criterion: size and type checked on the content,
 * kept under a generated name, then recorded. A refused file leaves nothing behind.
 */
export default class AttachEvidence {
  static async handle(
    tenant: Tenant,
    input: { criterionId: number; file: UploadedFile | null; maxBytes?: number },
    trx?: TransactionClientContract
  ) {
    const criterion = await Criterion.findOrFail(input.criterionId, { client: trx })
    const tmpPath = input.file?.tmpPath
    if (!input.file || !tmpPath) throw new EvidenceRejected('Choisissez un fichier à joindre.')
    const maxBytes = input.maxBytes ?? qualityConfig.evidenceMaxBytes
    const { size } = await stat(tmpPath)
    if (size === 0) throw new EvidenceRejected('Le fichier est vide.')
    if (size > maxBytes) {
      throw new EvidenceRejected(
        `Le fichier est trop volumineux (${megabytes(size)}) : la taille maximale est de ${megabytes(maxBytes)}. Rien n'a été enregistré.`
      )
    }
    const type = await sniffFile(tmpPath)
    if (!type) {
      throw new EvidenceRejected(
        `Type de fichier refusé : son contenu ne correspond à aucun format accepté (${ACCEPTED_TYPES_TEXT}), quel que soit son nom. Rien n'a été enregistré.`
      )
    }
    const hash = await sha256(tmpPath)
    const storedName = randomUUID()
    const disk = drive.use('quality')
    await disk.putStream(storedName, createReadStream(tmpPath))
    try {
      return await withTransaction(trx, (t) =>
        EvidenceFile.create(
          {
            organisationId: criterion.organisationId,
            criterionId: criterion.id,
            storedName,
            originalName: cleanFileName(input.file?.clientName),
            mime: type.mime,
            sizeBytes: size,
            sha256: hash,
            uploadedBy: tenant.userId,
          },
          { client: t }
        )
      )
    } catch (error) {
      await disk.delete(storedName)
      throw error
    }
  }
}
