import { Link, isRouteErrorResponse, useLocation, useRouteError } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'

/** The id of the failed request, which the server puts in the body of its 500 and 503 answers (for support). */
function requestIdOf(error: unknown): string | null {
  if (!isRouteErrorResponse(error) || error.status < 500) return null
  const id = (error.data as { requestId?: unknown } | null)?.requestId
  return typeof id === 'string' ? id : null
}

/** What went wrong, in words a person understands; shared by every route's boundary. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const location = useLocation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const requestId = requestIdOf(error)
  const title =
    status === 503
      ? t('errors.unavailableTitle')
      : status === 404
      ? t('errors.notFoundTitle')
      : status === 403
        ? t('errors.forbiddenTitle')
        : status === 429
          ? t('errors.tooManyTitle')
          : status < 500
            ? t('errors.badRequestTitle')
            : t('errors.serverTitle')
  const detail =
    status === 503
      ? t('errors.unavailable')
      : status === 404
      ? t('errors.notFound')
      : status === 403
        ? t('errors.forbidden')
        : status < 500 && isRouteErrorResponse(error) && typeof error.data === 'string'
          ? error.data
          : t('errors.server')
  return (
    <section className="card mx-auto max-w-xl text-center" aria-labelledby="error-title">
      <p className="text-sm font-medium text-slate-600">{t('errors.status', { status })}</p>
      <h1 id="error-title" className="mt-2">
        {title}
      </h1>
      <p className="mt-4 text-slate-700">{detail}</p>
      {requestId ? <p className="mt-4 text-sm text-slate-600">{t('errors.requestId', { id: requestId })}</p> : null}
      <p className="mt-6 flex flex-wrap justify-center gap-3">
        {status === 503 ? (
          <a href={`${location.pathname}${location.search}`} className="btn-primary">
            {t('errors.tryAgain')}
          </a>
        ) : null}
        <a href="/" className={status === 503 ? 'btn-secondary' : 'btn-primary'}>
          {t('errors.goHome')}
        </a>
      </p>
    </section>
  )
}

/** Every route's error boundary: the error in words, inside the normal page layout. */
export function RouteErrorBoundary() {
  return <ErrorPage error={useRouteError()} />
}

/** The error in words, and for an address that cannot be run (a 400), a link to start again from. */
export function StartAgainErrorPage({ to, label }: { to: string; label: string }) {
  const error = useRouteError()
  return (
    <div className="space-y-6">
      <ErrorPage error={error} />
      {isRouteErrorResponse(error) && error.status === 400 ? (
        <p className="text-center">
          <Link to={to}>{label}</Link>
        </p>
      ) : null}
    </div>
  )
}
