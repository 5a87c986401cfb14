import type { ServerBuild } from '@remix-run/node'
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { safeRedirect } from '~/http/session.server'
import { outageCode, RETRY_AFTER_SECONDS } from '~/utils/database-outage.server'
import { requestLanguage, translator } from '~/utils/i18n.server'
import { textDirection } from '~/utils/i18n'
import { logger } from '~/utils/logger.server'
import { currentRequestId } from '~/utils/request-context.server'

/*
 * What the Hub answers when a request fails on its side: 503 with Retry-After while the database is unreachable
 * (the request was fine and will work in a few seconds), 500 otherwise — never a stack trace, always the request
 * id, so a person can quote it and an operator can find every log line of that request.
 */

type Status = 500 | 503

const API_PATH = /^\/api(\/|$)/

/** The one sentence an API client reads (the open-data API speaks English, as its other errors do). */
const apiMessage = (status: Status) =>
  status === 503
    ? `The Hub cannot reach its database at the moment; try again in ${RETRY_AFTER_SECONDS} seconds.`
    : 'Something went wrong on our side; quote the request id if you report it.'

const failureHeaders = (status: Status, type: string) => ({
  'Content-Type': type,
  'Cache-Control': 'no-store',
  ...(status === 503 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {}),
})

let lastOutageLog = 0
/** An outage fails every request at once: the log says so at most every 10 s, the access lines count them. */
function logFailure(error: unknown, where: string) {
  const code = outageCode(error)
  if (code === null) return void logger().error({ err: error }, `unhandled error in ${where}`)
  if (Date.now() - lastOutageLog < 10_000) return
  lastOutageLog = Date.now()
  logger().warn({ code }, `the database cannot be reached (${code}): answering 503 until it is back`)
}

/**
 * A loader's or action's failure as a Response that Remix passes on instead of turning it into its own 500: for a
 * page, JSON that the error boundary words in the reader's language (it reads `requestId`); under /api, JSON with
 * an `error`; for other resource routes (downloads, webhooks), a line of text in the reader's language.
 */
async function failureResponse(request: Request, status: Status, page: boolean) {
  const requestId = currentRequestId() ?? null
  const path = new URL(request.url).pathname
  if (page) return Response.json({ requestId }, { status, headers: failureHeaders(status, 'application/json; charset=utf-8') })
  if (API_PATH.test(path)) {
    return Response.json({ error: apiMessage(status), requestId }, { status, headers: { ...failureHeaders(status, 'application/json; charset=utf-8'), 'Access-Control-Allow-Origin': '*' } })
  }
  const t = translator(await requestLanguage(request))
  const text = `${t(status === 503 ? 'errors.unavailable' : 'errors.server')}\n${requestId ? t('errors.requestId', { id: requestId }) : ''}\n`
  return new Response(text, { status, headers: failureHeaders(status, 'text/plain; charset=utf-8') })
}

type Handler = (args: { request: Request }) => unknown

/** Thrown Responses (redirects, 404s) and aborted requests go on as they are; any other error is answered here. */
function answered(handler: Handler | undefined, page: boolean, where: string): Handler | undefined {
  if (!handler) return undefined
  return async (args) => {
    try {
      return await handler(args)
    } catch (error) {
      const isData = typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'DataWithResponseInit'
      if (error instanceof Response || isData || !(error instanceof Error) || args.request.signal.aborted) throw error
      logFailure(error, where)
      throw await failureResponse(args.request, outageCode(error) === null ? 500 : 503, page)
    }
  }
}

const wrapped = new WeakMap<ServerBuild, ServerBuild>()

/**
 * The Remix build with every route's loader and action answering failures as above. Remix 2 has no middleware,
 * and its own answer to a thrown error is a 500 whose details it hides from the error boundary, so the loaders
 * are wrapped once here rather than in each of the hundred route files.
 */
function answerFailures(build: ServerBuild): ServerBuild {
  let done = wrapped.get(build)
  if (!done) {
    const routes = Object.fromEntries(
      Object.entries(build.routes).map(([id, route]) => {
        const module = route!.module as typeof route.module & { loader?: Handler; action?: Handler; default?: unknown }
        const page = module.default !== undefined
        return [id, { ...route!, module: { ...module, loader: answered(module.loader, page, id), action: answered(module.action, page, id) } }]
      }),
    ) as ServerBuild['routes']
    done = { ...build, routes }
    wrapped.set(build, done)
  }
  return done
}

export function withFailureAnswers(build: ServerBuild | (() => Promise<ServerBuild>)) {
  return typeof build === 'function' ? async () => answerFailures(await build()) : answerFailures(build)
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The answer of the Express pipeline's last error handler (a failure outside any loader: a middleware, the Remix
 * handler itself). A browser gets a short page in its reader's language; /api and other clients, JSON or text.
 */
export async function sendFailure(req: ExpressRequest, res: ExpressResponse, error: unknown, where: string) {
  logFailure(error, where)
  if (res.headersSent) return void res.destroy()
  const status: Status = outageCode(error) === null ? 500 : 503
  const requestId = String(res.getHeader('X-Request-Id') ?? currentRequestId() ?? '')
  if (API_PATH.test(req.path)) {
    return void res.status(status).set(failureHeaders(status, 'application/json; charset=utf-8')).json({ error: apiMessage(status), requestId })
  }
  const request = new Request(new URL(safeRedirect(req.originalUrl), 'http://hub.invalid'), {
    headers: { Cookie: req.get('cookie') ?? '', 'Accept-Language': req.get('accept-language') ?? '' },
  })
  const language = await requestLanguage(request)
  const t = translator(language)
  const title = t(status === 503 ? 'errors.unavailableTitle' : 'errors.serverTitle')
  const detail = t(status === 503 ? 'errors.unavailable' : 'errors.server')
  const reference = t('errors.requestId', { id: requestId })
  if (req.accepts(['text/plain', 'text/html']) !== 'text/html') {
    return void res.status(status).set(failureHeaders(status, 'text/plain; charset=utf-8')).send(`${detail}\n${reference}\n`)
  }
  const again = status === 503 ? `<a href="${escapeHtml(safeRedirect(req.originalUrl))}">${escapeHtml(t('errors.tryAgain'))}</a> · ` : ''
  res
    .status(status)
    .set(failureHeaders(status, 'text/html; charset=utf-8'))
    .send(
      `<!doctype html><html lang="${language}" dir="${textDirection(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)} — Connection Hub</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>` +
        `<p>${escapeHtml(reference)}</p><p>${again}<a href="/">${escapeHtml(t('errors.goHome'))}</a></p></main></body></html>`,
    )
}
