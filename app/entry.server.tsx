import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { pageNamespaces } from '~/utils/i18n-page'
import { TranslationProvider } from '~/utils/i18n-react'
import { pageTranslatorFor, requestLanguage } from '~/utils/i18n.server'
import { NonceProvider } from '~/utils/nonce'
import { logger } from '~/utils/logger.server'
import { withoutNulBytes } from '~/utils/stream.server'

export const streamTimeout = 5_000

/**
 * Errors Remix meets while rendering (loaders' and actions' failures are answered in app/server/failures.ts):
 * logged through the Hub's logger, so the line carries the request id. A reader who left is no error.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return
  if (isRouteErrorResponse(error) && error.status < 500) return
  logger().error({ err: isRouteErrorResponse(error) ? ((error as { error?: unknown }).error ?? error) : error }, 'error while rendering a page')
}

/** The page's language (as the root loader decided it) and the namespaces its matched routes declare. */
async function pageTranslations(request: Request, context: EntryContext) {
  const { matches, loaderData } = context.staticHandlerContext
  const handles = matches.map((match) => context.routeModules[match.route.id]?.handle)
  const decided = (loaderData.root as { locale?: string } | undefined)?.locale
  return pageTranslatorFor(decided ?? (await requestLanguage(request)), pageNamespaces(handles))
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? ''
  const translator = await pageTranslations(request, remixContext)
  const readyOption = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode ? 'onAllReady' : 'onShellReady'

  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <TranslationProvider translator={translator}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </TranslationProvider>
      </NonceProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true
          const body = withoutNulBytes()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors after the shell are reported by the error boundary; log the rest.
          if (shellRendered) logger().error({ err: error }, 'error while streaming a page')
        },
      },
    )
    setTimeout(abort, streamTimeout + 1_000)
  })
}
