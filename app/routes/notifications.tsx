import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import { DateTime } from '~/components/date-time'
import { markRead, notificationsOf } from '~/domain/notifications/notifications.server'
import { db } from '~/utils/db.server'
import { readForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireUser, safeRedirect } from '~/http/session.server'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import { invariantResponse } from '~/http/invariant.server'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { t } = await requestTranslator(request)
  return { title: t('notifications.title'), notifications: await notificationsOf(db, user.id) }
}

const ReadInput = z.object({ id: z.uuid().optional(), goTo: z.string().max(500).optional() })

/** Marks one notification (and follows its link) or all of them as read. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = ReadInput.safeParse(Object.fromEntries(await readForm(request)))
  invariantResponse(parsed.success, 'This notification could not be read.')
  await markRead(db, user.id, parsed.data.id)
  return redirect(safeRedirect(parsed.data.goTo, urls.notifications()))
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['notifications'] }

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const unread = notifications.filter((n) => !n.readAt).length
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1>{t('notifications.title')}</h1>
          <p className="mt-2 text-slate-700">{t('notifications.lead')}</p>
        </div>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" className="btn-secondary">
              {t('notifications.markAllRead')}
            </button>
          </Form>
        ) : null}
      </header>
      {notifications.length === 0 ? <p className="card">{t('notifications.empty')}</p> : null}
      <ul className="space-y-2">
        {notifications.map((n) => (
          <li key={n.id} className={`card flex flex-wrap items-center justify-between gap-3 py-3 ${n.readAt ? '' : 'border-brand-600'}`}>
            <div className="text-sm">
              {n.readAt ? null : <span className="badge me-2 bg-brand-100 text-brand-900">{t('notifications.unread')}</span>}
              <Link to={n.link}>{t(dynamicKey(`notifications.kinds.${n.kind}`), n.values)}</Link>
              <p className="text-xs text-slate-600">
                <DateTime value={n.createdAt} />
              </p>
            </div>
            {n.readAt ? null : (
              <Form method="post">
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" className="btn-secondary py-1">
                  {t('notifications.markRead')}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
