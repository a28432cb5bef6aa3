import type { IncomingMessage } from 'node:http'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Beyond this, a refused body is not read any further: the connection is closed instead. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024

/** Reads and discards what is left of a request body, up to DRAIN_MAX_BYTES. */
export function drain(request: IncomingMessage) {
  if (request.complete || request.destroyed) return Promise.resolve()
  return new Promise<void>((resolve) => {
    let seen = 0
    const done = () => {
      request.off('data', onData)
      request.off('end', done)
      request.off('close', done)
      request.off('error', done)
      resolve()
    }
    const onData = (chunk: Buffer) => {
      seen += chunk.length
      if (seen > DRAIN_MAX_BYTES) done()
    }
    request.on('data', onData)
    request.once('end', done)
    request.once('close', done)
    request.once('error', done)
    request.resume()
  })
}

/**
 * Multipart bodies are read only by the upload middleware, after login, permission and CSRF
 * (app/middleware/upload_middleware.ts). When a request is answered without reading its body
 * (sent to the login page, 403, CSRF or size refusal), Node closes the connection and the
 * browser shows a network error instead of the answer: what is left is read and discarded
 * (never written anywhere) before the answer goes out.
 */
export default class UnreadBodyMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    try {
      return await next()
    } finally {
      if (ctx.request.is(['multipart/form-data'])) await drain(ctx.request.request)
    }
  }
}
