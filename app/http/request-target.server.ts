import type { NextFunction, Request, Response } from 'express'

const BASE = 'http://hub.invalid'

function parsed(target: string): URL | null {
  try {
    return new URL(target, BASE)
  } catch {
    return null
  }
}

/**
 * The path of a request target as the router sees it, dot segments resolved (`/webhooks/../login` is `/login`),
 * or null for a target that is no URL at all: Node and Express hand on `GET http://hub.example:99999/ HTTP/1.1`
 * as written, and `new URL` throws on its port.
 */
export const targetPath = (target: string) => parsed(target)?.pathname ?? null

/** A request whose target is no URL gets a 400 before any middleware, route or log line tries to read it. */
export function refuseUnparseableTarget(req: Request, res: Response, next: NextFunction) {
  if (parsed(req.originalUrl)) return next()
  res.status(400).type('text/plain').send('The request target is not a valid URL.')
}
