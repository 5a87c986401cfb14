import type { NextFunction, Request, Response } from 'express'

const BASE = 'http://hub.invalid'

/**
 * The path of a request target as the router sees it, dot segments resolved (`/webhooks/../login` is `/login`),
 * or null for a target that is no URL at all: Node and Express hand on `GET http://hub.example:99999/ HTTP/1.1`
 * as written, and `new URL` throws on its port. Express requests are parsed once, by refuseUnparseableTarget, and
 * read with `requestPath`; this is for servers without Express (the worker's probes).
 */
export function targetPath(target: string): string | null {
  try {
    return new URL(target, BASE).pathname
  } catch {
    return null
  }
}

/** Where refuseUnparseableTarget keeps the path in `res.locals` (read through `requestPath`, which types it). */
const PATH_KEY = 'requestPath'

/**
 * A request whose target is no URL gets a 400 before any middleware, route or log line tries to read it. Any
 * other has its path parsed here, once, and kept for the rest of the pipeline: see `requestPath`.
 */
export function refuseUnparseableTarget(req: Request, res: Response, next: NextFunction) {
  const path = targetPath(req.originalUrl)
  if (path === null) return void res.status(400).type('text/plain').send('The request target is not a valid URL.')
  res.locals[PATH_KEY] = path
  next()
}

/**
 * The request's path, dot segments resolved, as refuseUnparseableTarget parsed it. Undefined for a target it
 * refused, and before it has run: middleware ahead of it (the access log) may read this only once the answer is done.
 */
export const requestPath = (res: Response): string | undefined => res.locals[PATH_KEY] as string | undefined
