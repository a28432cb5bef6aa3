import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import string from '@adonisjs/core/helpers/string'
import limiter from '@adonisjs/limiter/services/main'
import { errors as shieldErrors } from '@adonisjs/shield'
import { csrfFactory } from '@adonisjs/shield/guards'
import { RuleError } from '#support/domain_errors'

/**
 * The only place where a multipart body is read (config/bodyparser.ts: autoProcess false).
 *
 * Placed on an upload route after `auth` and `permit`, so that an anonymous or unauthorised
 * request is refused before one byte of its body is read. Then, in this order:
 *   1. `authorize` (optional): a finer check that needs the route params (the import kind...);
 *   2. the declared size (Content-Length) above the route cap: refused, the body is drained;
 *   3. the body is streamed; a file part is written to the upload directory only once the CSRF
 *      token is verified (header, query string, or a `_csrf` field sent BEFORE the file: forms
 *      put `csrfField()` first) and the per-user upload rate is not exceeded. Otherwise the
 *      stream is aborted and nothing is written. Shield skips these routes (config/shield.ts)
 *      because it cannot see a field of a body that is not parsed yet;
 *   4. the stream is capped at the route's `maxBytes` (a French refusal, the partial file gone);
 *   5. whatever happens next (refused, failed, committed), the temporary files are deleted
 *      once the response is ready. Controllers move or copy what they keep.
 */
export interface UploadOptions {
  /** Cap of the uploaded file(s), in bytes; a function when it comes from the environment. */
  maxBytes: number | (() => number)
  /** Checked before the body is read, with the route params (throws to refuse). */
  authorize?: (ctx: HttpContext) => Promise<unknown>
}

/** Per user: enough for someone correcting a file again and again, not for filling a disk. */
export const UPLOAD_RATE = { requests: 30, duration: '10 mins', blockDuration: '10 mins' } as const
export const uploadLimiter = () => limiter.use(UPLOAD_RATE)
export const uploadLimiterKey = (userId: number) => `upload:${userId}`

/** Temporary files written since the process started (tests prove a refusal wrote none). */
export const uploadCounters = { filesWritten: 0 }

/** Room for the form fields around the file when comparing Content-Length with the cap. */
const FIELDS_ALLOWANCE = 1024 * 1024
const MAX_FIELDS = 50
const MAX_TOKEN_CANDIDATES = 20
/** Temporary files older than this are leftovers of a crash: swept at server start. */
const STALE_AFTER_MS = 60 * 60 * 1000

/** A size in French (21 Mo, 1,5 Mo). */
export function megabytes(bytes: number) {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} Mo`.replace('.', ',')
}

function tooLarge(cap: number, declared: number | null) {
  const size = declared ? ` (${megabytes(declared)})` : ''
  return new RuleError(
    `Le fichier est trop volumineux${size} : la taille maximale est de ${megabytes(cap)}. Rien n'a été enregistré.`,
    { field: 'fichier' }
  )
}

/**
 * French reason why an uploaded file was refused by `request.file(name, { size, extnames })`,
 * or null when it is valid. The framework's own messages are English.
 */
export function uploadRefusal(file: MultipartFile): string | null {
  if (file.isValid) return null
  const error = file.errors[0]
  if (error?.type === 'size') {
    const limit = file.sizeLimit === undefined ? null : string.bytes.parse(file.sizeLimit)
    return `Le fichier est trop volumineux (${megabytes(file.size)})${
      limit ? ` : la taille maximale est de ${megabytes(limit)}` : ''
    }. Rien n'a été enregistré.`
  }
  if (error?.type === 'extname') {
    const allowed = (file.allowedExtensions ?? []).join(', ')
    return `Type de fichier refusé (${file.extname ? `.${file.extname}` : 'inconnu'}) : formats acceptés : ${allowed}.`
  }
  return 'Le fichier n’a pas pu être reçu : recommencez l’envoi.'
}

/** Where temporary upload files go (bodyparser `multipart.tmpFileName`). */
function tmpFileName(): string {
  const configured = app.config.get<(() => string) | undefined>('bodyparser.multipart.tmpFileName')
  return configured ? configured() : app.tmpPath('uploads', randomUUID())
}

export function uploadDirectory() {
  return dirname(tmpFileName())
}

/** Server start: temporary files left by a crash (none is older than an upload takes). */
export async function sweepStaleUploads(now = Date.now()) {
  const dir = uploadDirectory()
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => null)
    if (info?.isFile() && now - info.mtimeMs > STALE_AFTER_MS) await rm(path, { force: true })
  }
}

/** Shield's own CSRF check (same options, same token source), run when this middleware says. */
function csrfGuard() {
  const csrf = app.config.get<Record<string, unknown>>('shield.csrf', { enabled: false })
  return csrfFactory({ ...csrf, exceptRoutes: [] } as never, encryption.use(), undefined)
}

async function csrfAccepted(ctx: HttpContext) {
  try {
    await csrfGuard()(ctx)
    return true
  } catch (error) {
    if (error instanceof shieldErrors.E_BAD_CSRF_TOKEN) return false
    throw error
  }
}

/** Verifies a field value as the CSRF token (the field names are not known mid-stream). */
async function tokenAmong(ctx: HttpContext, candidates: string[]) {
  const body = ctx.request.body()
  try {
    for (const candidate of candidates) {
      ctx.request.updateBody({ ...body, _csrf: candidate })
      if (await csrfAccepted(ctx)) return true
    }
    return false
  } finally {
    ctx.request.updateBody(body)
  }
}

function normalizer() {
  const multipart = app.config.get<{
    trimWhitespaces?: boolean
    convertEmptyStringsToNull?: boolean
  }>('bodyparser.multipart', {})
  return (value: string) => {
    const trimmed = multipart.trimWhitespaces ? value.trim() : value
    return multipart.convertEmptyStringsToNull && trimmed === '' ? null : trimmed
  }
}

export default class UploadMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: UploadOptions) {
    const user = ctx.auth.user
    if (!user) throw new Error('The upload middleware must come after the auth middleware')
    if (options.authorize) await options.authorize(ctx)
    const cap = typeof options.maxBytes === 'function' ? options.maxBytes() : options.maxBytes

    let verified = await csrfAccepted(ctx)
    const current = ctx.request.multipart as typeof ctx.request.multipart | undefined
    if (ctx.request.bodyType !== 'multipart' || !current || current.state !== 'idle') {
      if (!verified) throw new shieldErrors.E_BAD_CSRF_TOKEN()
      return next()
    }

    const declared = Number(ctx.request.header('content-length')) || null
    // What is left of a refused body is drained, not kept (unread_body_middleware.ts).
    if (declared && declared > cap + FIELDS_ALLOWANCE) throw tooLarge(cap, declared)

    // A Multipart of our own: same parser, with the route's cap and a view of the fields.
    const candidates: string[] = []
    const normalise = normalizer()
    const Multipart = current.constructor as new (
      context: HttpContext,
      config: Record<string, unknown>
    ) => NonNullable<typeof current>
    const multipart: NonNullable<typeof current> = new Multipart(ctx, {
      limit: cap,
      maxFields: MAX_FIELDS,
      fieldsLimit: FIELDS_ALLOWANCE,
      normalizer: (value: string) => {
        if (candidates.length < MAX_TOKEN_CANDIDATES && value.length <= 256) candidates.push(value)
        return normalise(value)
      },
    })
    ctx.request.multipart = multipart

    const written: string[] = []
    let counted = false
    multipart.onFile('*', { deferValidations: true }, async (part, reportChunk) => {
      try {
        if (!verified) verified = await tokenAmong(ctx, candidates)
        if (!verified) throw new shieldErrors.E_BAD_CSRF_TOKEN()
        if (!counted) {
          counted = true
          await uploadLimiter().consume(uploadLimiterKey(user.id))
        }
        const tmpPath = tmpFileName()
        await mkdir(dirname(tmpPath), { recursive: true })
        written.push(tmpPath)
        uploadCounters.filesWritten++
        part.pause()
        part.on('data', reportChunk)
        await pipeline(part, createWriteStream(tmpPath))
        return { tmpPath }
      } catch (error) {
        part.resume()
        multipart.abort(error)
      }
    })

    try {
      try {
        await multipart.process()
      } catch (error) {
        const code = (error as { code?: string }).code
        if (code === 'E_REQUEST_ENTITY_TOO_LARGE' && /entity too large/.test(String(error))) {
          throw tooLarge(cap, declared)
        }
        throw error
      }
      if (!verified && !(await csrfAccepted(ctx))) throw new shieldErrors.E_BAD_CSRF_TOKEN()
      return await next()
    } finally {
      await Promise.all(written.map((path) => rm(path, { force: true })))
    }
  }
}
