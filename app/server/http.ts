import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'
import onHeaders from 'on-headers'
import { markStaticFile, sharedCacheHeaders } from '~/http/cache-control.server'
import { METRICS_PATH, metricsEndpoint, requestMetrics, routeLabeller } from '~/http/metrics.server'
import { apiRateLimit } from '~/http/open-data.server'
import { refuseUnparseableTarget, requestPath } from '~/http/request-target.server'
import { RETRY_AFTER_SECONDS } from '~/utils/database-outage.server'
import { acceptedOrigins, env, servesHttps } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { PROXY_HEADERS } from '~/utils/network.server'
import { liveness, PROBE_PATHS } from '~/utils/readiness.server'
import { requestIdFor, runWithRequestContext } from '~/utils/request-context.server'
import { sendFailure, withFailureAnswers } from './failures'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/**
 * Paths called by other servers (signed payloads), not by browsers on our pages; and an alert email's unsubscribe
 * link, which a mail client POSTs to (RFC 8058) from no page of ours: its token is the proof, it only stops alerts.
 */
const ORIGIN_EXEMPT = [/^\/webhooks\//, /^\/alerts\/unsubscribe\/[a-z2-7]{32}$/]

/** The path as the router will see it (every target that reaches it is a URL: see refuseUnparseableTarget). */
const resolvedPath = (res: Response) => requestPath(res) ?? '/'

/**
 * Cross-site request forgery defence: a state-changing request must come from our own pages. The Host the
 * rest of the stack sees is then pinned to that origin, so Remix's own origin check agrees with ours.
 */
function requireSameOrigin(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method) || ORIGIN_EXEMPT.some((p) => p.test(resolvedPath(res)))) return next()
  const origin = req.get('origin')
  if (origin && acceptedOrigins().includes(origin)) {
    req.headers.host = new URL(origin).host
    delete req.headers['x-forwarded-host']
    return next()
  }
  res.status(403).type('text/plain').send('This request did not come from the Connection Hub’s own pages (Origin check failed).')
}

/** Bodies are read by Remix as a stream, so the size is checked from the declared length before any byte is read. */
function limitBodySize(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next()
  const declared = req.get('content-length')
  if (declared === undefined) {
    if (req.get('transfer-encoding')) return void res.status(411).type('text/plain').send('A Content-Length header is required.')
    return next()
  }
  // Uploads (evidence files of at most 10 MB, plus the form's other fields) get their own, larger limit.
  const limit = req.is('multipart/form-data') ? env().UPLOAD_LIMIT_BYTES : env().BODY_LIMIT_BYTES
  if (Number(declared) > limit) {
    const message = req.is('multipart/form-data') ? 'The file is too large: files of at most 10 MB can be shared.' : 'The request is too large.'
    // A person whose browser posted the form gets a page to go back from; programs get plain text.
    if (req.accepts(['text/plain', 'text/html']) === 'text/html') {
      return void res
        .status(413)
        .type('text/html')
        .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large</title></head><body><main><h1>Too large</h1><p>${message}</p><p>Use your browser’s Back button to return to the form, or go to <a href="/">the Connection Hub’s home page</a>.</p></main></body></html>`)
    }
    return void res.status(413).type('text/plain').send(message)
  }
  next()
}


/**
 * Behind a reverse proxy with TRUST_PROXY unset, every client has the proxy's address: the per-IP rate limits
 * become one bucket for everyone. The first request that shows proxy headers tells the operator, once.
 */
function warnOfUntrustedProxy(trustProxy: string) {
  let warned = trustProxy !== 'false'
  return (req: Request, _res: Response, next: NextFunction) => {
    const seen = warned ? undefined : PROXY_HEADERS.find((name) => req.headers[name] !== undefined)
    if (seen) {
      warned = true
      logger().warn(
        { header: seen },
        'Requests arrive through a proxy (%s header) but TRUST_PROXY is not set: every client looks like the proxy, so per-IP rate limits are shared by all. Set TRUST_PROXY to the proxy’s hop count or address (e.g. TRUST_PROXY=loopback).',
        seen,
      )
    }
    next()
  }
}

/**
 * The path as logged: no query string (it may carry tokens), and the token of an invitation or an unsubscribe link hidden. Read once the answer
 * is done; a target that is no URL has no path (see refuseUnparseableTarget).
 */
const loggedPath = (res: Response) => (requestPath(res) ?? '(not a URL)').replace(/^(\/invitations\/|\/alerts\/unsubscribe\/)[^/]+/, '$1…')
/** Answers a terminal need not show one line for each: build files, and health checks that say all is well. */
const QUIET_WHEN_OK = /^\/(assets\/|healthz$|livez$)/

/**
 * Every request gets an id (the `X-Request-Id` of a proxy TRUST_PROXY trusts, if well-formed; never one a client
 * chose), returned in `X-Request-Id` and carried by every log line written while it is answered; one access line
 * per request says what it got and how fast. A 5xx is never cached, and a 503 always says when to come back.
 */
function identifyAndLog(req: Request, res: Response, next: NextFunction) {
  const trusted = (req.app.get('trust proxy fn') as (address: string | undefined, hop: number) => boolean)(req.socket.remoteAddress, 0)
  const requestId = requestIdFor(trusted ? req.get('x-request-id') : undefined)
  req.headers['x-request-id'] = requestId
  res.setHeader('X-Request-Id', requestId)
  const started = performance.now()
  onHeaders(res, () => {
    if (res.statusCode >= 500) res.setHeader('Cache-Control', 'no-store')
    if (res.statusCode === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
  })
  res.once('close', () => {
    const ms = Math.round(performance.now() - started)
    const path = loggedPath(res)
    const status = res.statusCode
    const http = { method: req.method, path, status, ms, ...(res.writableFinished ? {} : { aborted: true }) }
    const line = `${req.method} ${path} ${status} ${ms} ms${res.writableFinished ? '' : ' (aborted)'}`
    if (status < 400 && QUIET_WHEN_OK.test(path)) logger().debug({ requestId, http }, line)
    else logger().info({ requestId, http }, line)
  })
  runWithRequestContext({ requestId }, next)
}

export function createApp(options: { build: ServerBuild | (() => Promise<ServerBuild>); clientDir: string }) {
  const app = express()
  const config = env()
  app.disable('x-powered-by')
  const trust = config.TRUST_PROXY
  app.set('trust proxy', trust === 'false' ? false : /^\d+$/.test(trust) ? Number(trust) : trust)
  app.use(identifyAndLog)
  // Parses the target's path once and keeps it (requestPath): nothing registered above may read it, except the
  // access line identifyAndLog writes when the answer is done.
  app.use(refuseUnparseableTarget)
  app.use(compression())
  app.use(requestMetrics(routeLabeller(options.build)))
  // Cache-Control in one place, before everything else, so no route, file or error answer can go without it.
  app.use(sharedCacheHeaders())

  app.use((req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    // Only the server decides the client address; an inbound header of the same name is discarded.
    req.headers['x-hub-client-ip'] = req.ip ?? 'unknown'
    next()
  })
  app.use(warnOfUntrustedProxy(trust))

  const https = servesHttps()
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          // A card contribution's form answers with a redirect to Stripe Checkout (or the configured Stripe-compatible server).
          'form-action': ["'self'", 'https://checkout.stripe.com', ...(config.STRIPE_API_URL ? [new URL(config.STRIPE_API_URL).origin] : [])],
          'frame-ancestors': ["'none'"],
          'base-uri': ["'self'"],
          'object-src': ["'none'"],
          ...(https ? { 'upgrade-insecure-requests': [] } : {}),
        },
      },
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      // Set below as a default, so a page can ask for a stricter policy (pages with tokens in the URL).
      referrerPolicy: false,
    }),
  )
  app.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
    onHeaders(res, () => {
      if (!res.getHeader('Referrer-Policy')) res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    })
    next()
  })

  // Liveness: the process answers. Unlike /healthz (readiness), it never asks the database.
  app.get(PROBE_PATHS.liveness, (_req, res) => {
    const answer = liveness()
    res.status(answer.status).set('Cache-Control', 'no-store').json(answer.body)
  })

  app.use(requireSameOrigin)
  app.use(limitBodySize)
  app.get(METRICS_PATH, metricsEndpoint())
  app.use('/api/v1', apiRateLimit())

  app.use('/assets', express.static(path.join(options.clientDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false, setHeaders: markStaticFile }))
  app.use(express.static(options.clientDir, { maxAge: '1h', index: false, setHeaders: markStaticFile }))

  app.all(
    '*',
    createRequestHandler({
      build: withFailureAnswers(options.build),
      mode: config.NODE_ENV,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  )

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status
    if (status && status >= 400 && status < 500) {
      if (!res.headersSent) res.status(status).type('text/plain').send(status === 404 ? 'Not found.' : 'Bad request.')
      return
    }
    sendFailure(req, res, error, `${req.method} ${loggedPath(res)}`).catch((failure: unknown) => {
      logger().error({ err: failure }, 'the error page itself failed')
      if (!res.headersSent) res.status(500).type('text/plain').send('Something went wrong on our side.')
    })
  })
  return app
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string
  }
}
