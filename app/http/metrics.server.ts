import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { ServerBuild } from '@remix-run/node'
import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import { LRUCache } from 'lru-cache'
import type { NextFunction, Request, Response } from 'express'
import { env } from '~/utils/env.server'
import { metricsText, recordRequest } from '~/utils/metrics.server'
import { isLoopback, PROXY_HEADERS } from '~/utils/network.server'
import { requestPath } from './request-target.server'

export const METRICS_PATH = '/metrics'

/** Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever socket it arrived on. */

const digest = (value: string) => createHash('sha256').update(value).digest()

/** The bearer token matches METRICS_TOKEN, compared in constant time (digests of equal length). */
function bearerMatches(authorization: string | undefined, token: string | undefined) {
  if (!token || !authorization?.startsWith('Bearer ')) return false
  return timingSafeEqual(digest(authorization.slice('Bearer '.length).trim()), digest(token))
}

/**
 * Who may read /metrics: a client on this machine (the socket's own address — never X-Forwarded-For, which a
 * client writes itself — and no proxy header, since a proxy on this machine connects from loopback on behalf of
 * anyone), or anyone presenting METRICS_TOKEN.
 */
export function mayReadMetrics(input: { remoteAddress: string | undefined; headers: IncomingHttpHeaders; token: string | undefined }) {
  const authorization = input.headers.authorization
  if (bearerMatches(typeof authorization === 'string' ? authorization : undefined, input.token)) return true
  return isLoopback(input.remoteAddress) && !PROXY_HEADERS.some((name) => input.headers[name] !== undefined)
}

/** GET /metrics: the Prometheus text, or a 404 for anyone else (the endpoint's existence is not advertised). */
export function metricsEndpoint() {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store')
    if (!mayReadMetrics({ remoteAddress: req.socket.remoteAddress, headers: req.headers, token: env().METRICS_TOKEN })) {
      return void res.status(404).type('text/plain').send('Not found.')
    }
    try {
      const { contentType, body } = await metricsText()
      // Sent as prom-client writes it (res.send would rewrite the media type's parameters).
      res.status(200).setHeader('Content-Type', contentType)
      res.end(body)
    } catch (error) {
      next(error)
    }
  }
}

/** Remix's route tree from a build's manifest, for matching paths exactly as Remix does. */
function routeTree(manifest: ServerBuild['routes'], parentId?: string): AgnosticRouteObject[] {
  return Object.values(manifest)
    .filter((route) => route?.parentId === parentId)
    .map((route) => ({ id: route!.id, path: route!.path, index: route!.index, caseSensitive: route!.caseSensitive, children: routeTree(manifest, route!.id) }) as AgnosticRouteObject)
}

/**
 * The label of a request's route: the id of the Remix route that answers its path (`routes/requests.$id`), so
 * the number of labels is the number of routes, whatever paths clients ask for.
 */
export function routeLabeller(build: ServerBuild | (() => Promise<ServerBuild>)) {
  let tree: AgnosticRouteObject[] | undefined
  const take = (resolved: ServerBuild) => (tree = routeTree(resolved.routes))
  if (typeof build === 'function') void build().then(take, () => undefined)
  else take(build)
  // Matching ranks every route each time (a few percent of a page's CPU); the paths asked for most are remembered.
  const labels = new LRUCache<string, string>({ max: 5000 })
  return (pathname: string, staticFile: boolean) => {
    if (staticFile) return 'static'
    if (pathname === METRICS_PATH) return 'metrics'
    if (pathname.startsWith('/assets/')) return 'assets'
    if (pathname === '/__manifest') return 'remix:manifest'
    if (!tree) return 'unknown'
    let label = labels.get(pathname)
    if (label === undefined) {
      // A single-fetch data request (`/requests.data`, `/_root.data`) is labelled with the route it loads.
      const path = pathname.endsWith('.data') ? pathname.slice(0, -'.data'.length).replace(/^\/_root$/, '/') : pathname
      label = matchRoutes(tree, path)?.at(-1)?.route.id ?? 'unmatched'
      labels.set(pathname, label)
    }
    return label
  }
}

/** Times every request until its answer is sent (or the client leaves) and counts it by route and status. */
export function requestMetrics(labelOf: (pathname: string, staticFile: boolean) => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint()
    let recorded = false
    const record = () => {
      if (recorded) return
      recorded = true
      // The path refuseUnparseableTarget kept (it runs first); without one, the request is counted under 'unmatched'.
      const path = requestPath(res)
      const route = path === undefined ? 'unmatched' : labelOf(path, res.locals.staticFile === true)
      recordRequest({
        method: req.method,
        route,
        status: res.writableFinished ? res.statusCode : 'aborted',
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      })
    }
    res.once('finish', record)
    res.once('close', record)
    next()
  }
}
