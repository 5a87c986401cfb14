import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { PracticeId } from '#db/schema/index'
import { DateTime } from '~/components/date-time'
import { PracticeReviewForm } from '~/components/practices/practice-review'
import { practiceReviewQueue, reviewPractice } from '~/domain/practices/practices.server'
import { PracticeReviewSchema } from '~/domain/practices/schemas'
import { countryName } from '~/domain/geography/geography.server'
import { objectiveTitle } from '~/domain/catalogue/present.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm, readForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { can } from '~/domain/access/abilities'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

async function requireReviewer(request: Request) {
  const user = await requireUser(request)
  if (!can(user, 'review:practice')) throw new Response('Forbidden', { status: 403 })
  return user
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireReviewer(request)
  const { t, locale } = await requestTranslator(request)
  const queue = await practiceReviewQueue(db, user)
  return {
    title: t('practices.queue.title'),
    queue: queue.map((item) => ({
      ...item,
      objectives: item.objectives.map((n) => `${n}. ${objectiveTitle(n, locale)}`),
      countries: item.countries.map((c) => countryName(c, locale)),
    })),
  }
}

const Target = z.object({ intent: z.literal('review'), practiceId: z.uuid() })

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireReviewer(request)
  const target = Target.safeParse(Object.fromEntries(await readForm(request.clone())))
  if (!target.success) throw new Response('This decision could not be read.', { status: 400 })
  const practiceId = target.data.practiceId as PracticeId
  const form = await parseForm(request, PracticeReviewSchema)
  if (!form.ok) return data({ practiceId, result: form.response.data.result }, { status: 400 })
  const outcome = await attempt(form.submission, () => reviewPractice(db, user, practiceId, form.value, publicOrigin()))
  if (!outcome.ok) return data({ practiceId, result: outcome.response.data.result }, { status: outcome.response.init?.status ?? 400 })
  return redirectWithFlash(urls.secretariatPractices(), { key: outcome.value === 'published' ? 'practices.flash.published' : 'practices.flash.returned' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['practices', 'validation'] }

export default function PracticeReviewQueue() {
  const { queue } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <h1>{t('practices.queue.title')}</h1>
        <p className="mt-2 text-slate-700">{t('practices.queue.lead')}</p>
      </header>
      {queue.length === 0 ? (
        <p className="card text-slate-700">{t('practices.queue.empty')}</p>
      ) : (
        <ol className="space-y-4">
          {queue.map((item) => (
            <li key={item.id} className="card space-y-3">
              <div className="space-y-1">
                <h2 className="text-lg">
                  <Link to={urls.practice(item.id)}>{item.title}</Link>
                </h2>
                <p className="text-sm text-slate-600">
                  {item.organization}
                  {item.fromProject ? ` · ${t('practices.queue.fromProject')}` : null}
                  {item.submittedAt ? (
                    <>
                      {' · '}
                      {t('practices.queue.submittedOn')} <DateTime value={item.submittedAt} />
                    </>
                  ) : null}
                </p>
                <p className="text-sm text-slate-800">{item.summary}</p>
                <p className="text-sm text-slate-600">
                  {item.objectives.join(' · ')}
                  {item.countries.length ? ` — ${item.countries.join(t('common.listSeparator'))}` : null}
                </p>
                <p className="text-sm">
                  <Link to={urls.practice(item.id)}>{t('practices.queue.open')}</Link>
                </p>
              </div>
              <div className="border-t border-slate-200 pt-3">
                <PracticeReviewForm practiceId={item.id} headingLevel={3} reply={reply?.practiceId === item.id ? reply.result : null} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
