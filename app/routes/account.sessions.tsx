import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import { DateTime, formatDateTime } from '~/components/date-time'
import { endSession, listSessions } from '~/domain/accounts/sessions.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { clearSessionCookie, requireSession } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { invariantResponse } from '~/http/invariant.server'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request)
  const { t } = await requestTranslator(request)
  const sessions = await listSessions(db, session.user.id)
  return { title: t('account.sessions'), currentId: session.id, sessions }
}

const EndSessionInput = z.object({ sessionId: z.string().min(1).max(64) })

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request)
  const parsed = EndSessionInput.safeParse(Object.fromEntries(await readForm(request)))
  invariantResponse(parsed.success, 'Choose a session to end.')
  const ended = await endSession(db, session.user.id, parsed.data.sessionId)
  invariantResponse(ended, 'Not found', { status: 404 })
  if (parsed.data.sessionId === session.id) {
    return redirectWithFlash(urls.login(), { key: 'auth.loggedOut', tone: 'info' }, { headers: { 'Set-Cookie': clearSessionCookie(request) } })
  }
  return redirectWithFlash(urls.accountSessions(), { key: 'account.sessionEnded' })
}

/** A short, readable name for a user agent string ("Chrome on Linux"); the full string is in the title. */
function browserName(userAgent: string | null) {
  if (!userAgent) return null
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null
  return [browser, os].filter(Boolean).join(' · ') || userAgent.slice(0, 60)
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['account', 'auth'] }

export default function Sessions() {
  const { sessions, currentId } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('account.sessions')}</h2>
      <p className="mt-1 text-sm text-slate-700">{t('account.sessionsLead')}</p>
      <ul className="mt-4 divide-y divide-slate-100">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="text-sm">
              <p className="font-medium" title={s.userAgent ?? undefined}>
                {browserName(s.userAgent) ?? t('account.unknownDevice')}
                {s.id === currentId ? <span className="badge ms-2 bg-emerald-100 text-emerald-900">{t('account.thisSession')}</span> : null}
              </p>
              <p className="text-slate-600">
                {t('account.started')}: <DateTime value={s.createdAt} /> · {t('account.lastActive')}: <DateTime value={s.lastActiveAt} />
                {s.ipAddress ? ` · ${t('account.address')}: ${s.ipAddress}` : ''}
              </p>
            </div>
            <Form method="post">
              <input type="hidden" name="sessionId" value={s.id} />
              <button type="submit" className="btn-secondary" aria-label={t('account.endSessionNamed', { date: formatDateTime(i18n.language, s.createdAt) })}>
                {t('account.endSession')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
