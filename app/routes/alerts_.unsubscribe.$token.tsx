import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { alertsOfUnsubscribeToken, unsubscribeAlerts } from '~/domain/alerts/unsubscribe.server'
import { DomainError } from '~/domain/errors'
import { readForm } from '~/http/forms.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { useTranslation } from '~/utils/i18n-react'
import { titleMeta } from '~/utils/meta'
import { urls } from '~/utils/urls'

/** The link is the credential: never kept by a cache, never sent on as a Referer. */
const headers = { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' }

/** The alerts a link stops, or a 404 that says only that the link is not valid. */
async function alertsOf(token: string) {
  try {
    return await alertsOfUnsubscribeToken(db, token)
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) return null
    throw error
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = await requestTranslator(request)
  const alerts = await alertsOf(params.token ?? '')
  if (!alerts) return data({ title: t('alerts.unsubscribe.title'), alerts: null }, { status: 404, headers })
  return data({ title: t('alerts.unsubscribe.title'), alerts: alerts.map((a) => ({ id: a.id, name: a.name })) }, { headers })
}

/**
 * Stops the alerts: the page's button, or a mail client's one-click POST (`List-Unsubscribe=One-Click`, RFC 8058),
 * which comes from no page of ours and carries no session (the Origin check exempts exactly this path).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request)
  if (!(await alertsOf(params.token ?? ''))) throw new Response('Not found', { status: 404, headers })
  const stopped = await unsubscribeAlerts(db, params.token ?? '')
  return data({ stopped: stopped.map((a) => a.name) }, { headers })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['alerts'] }

export default function Unsubscribe() {
  const { alerts } = useLoaderData<typeof loader>()
  const done = useActionData<typeof action>()
  const { t } = useTranslation()
  if (!alerts) {
    return (
      <div className="card mx-auto max-w-xl space-y-3">
        <h1>{t('alerts.unsubscribe.title')}</h1>
        <p>{t('alerts.unsubscribe.notFound')}</p>
      </div>
    )
  }
  return (
    <div className="card mx-auto max-w-xl space-y-4">
      <h1>{t('alerts.unsubscribe.title')}</h1>
      {done ? (
        <div role="status" className="space-y-2">
          <p>{t('alerts.unsubscribe.done')}</p>
          <p>{t('alerts.unsubscribe.resume')}</p>
        </div>
      ) : (
        <p>{t('alerts.unsubscribe.lead')}</p>
      )}
      <ul className="list-disc ps-6">
        {alerts.map((a) => (
          <li key={a.id}>{a.name}</li>
        ))}
      </ul>
      {done ? (
        <Link to={urls.alerts()}>{t('alerts.unsubscribe.manage')}</Link>
      ) : (
        <Form method="post">
          <button type="submit" className="btn-primary">
            {t('alerts.unsubscribe.submit')}
          </button>
        </Form>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
