import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from '~/components/date-time'
import { screeningQueue } from '~/domain/requests/requests.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { can } from '~/domain/access/abilities'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { invariantResponse } from '~/http/invariant.server'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  invariantResponse(can(user, 'screen:request'), 'Forbidden', { status: 403 })
  const { t } = await requestTranslator(request)
  return { title: t('requests.queueTitle'), queue: await screeningQueue(db, user) }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['requests'] }

export default function ScreeningQueue() {
  const { queue } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <h1>{t('requests.queueTitle')}</h1>
        <p className="mt-2 text-slate-700">{t('requests.queueLead')}</p>
      </header>
      {queue.length === 0 ? (
        <p className="card text-slate-700">{t('requests.queueEmpty')}</p>
      ) : (
        <ol className="space-y-3">
          {queue.map((item) => (
            <li key={item.id} className="card space-y-1">
              <h2 className="text-base">
                <Link to={urls.request(item.id)}>{item.title}</Link>
              </h2>
              <p className="text-sm text-slate-600">
                {item.organization} · {item.countries.join(t('common.listSeparator'))} · {t('requests.fields.primaryObjective')} {item.primaryObjective}
                {item.submittedAt ? (
                  <>
                    {' · '}
                    {t('requests.submittedOn')} <DateTime value={item.submittedAt} />
                  </>
                ) : null}
              </p>
              <p className="text-sm text-slate-800">{item.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
