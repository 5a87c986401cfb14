import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { desc } from 'drizzle-orm'
import { useTranslation } from '~/utils/i18n-react'
import { emailOutbox } from '#db/schema/index'
import { DateTime } from '~/components/date-time'
import { db } from '~/utils/db.server'
import { devToolsFor } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import type { I18nHandle } from '~/utils/i18n-page'
import { invariantResponse } from '~/http/invariant.server'

/** Demo aid: the emails the Hub would have sent. Never served in production, where it would leak links. */
export async function loader({ request }: LoaderFunctionArgs) {
  invariantResponse(devToolsFor(request), 'Not found', { status: 404 })
  const { t } = await requestTranslator(request)
  const emails = await db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      text: emailOutbox.textBody,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(100)
  return { title: t('outbox.title'), emails }
}

/** Turns the URLs in a plain-text email into links. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g)
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} className="break-all">
            {part}
          </a>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  )
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['notifications', 'outbox'] }

export default function Outbox() {
  const { emails } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <h1>{t('outbox.title')}</h1>
        <p className="mt-2 text-slate-700">{t('outbox.lead')}</p>
      </header>
      {emails.length === 0 ? <p className="card">{t('outbox.empty')}</p> : null}
      <ol className="space-y-3">
        {emails.map((email) => (
          <li key={email.id}>
            <article className="card space-y-2" aria-label={email.subject}>
              <h2 className="text-base">{email.subject}</h2>
              <p className="text-sm text-slate-600">
                {t('outbox.to')}: <span className="break-all">{email.to}</span> · {t('outbox.status')}: {t(`outbox.statuses.${email.status}`)} ·{' '}
                <DateTime value={email.createdAt} />
              </p>
              <pre className="whitespace-pre-wrap break-words font-sans text-sm text-slate-800">
                <Linkified text={email.text} />
              </pre>
            </article>
          </li>
        ))}
      </ol>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
