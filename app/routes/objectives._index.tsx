import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { browseMeta } from '~/domain/catalogue/meta'
import { objectiveCounts } from '~/domain/catalogue/objectives.server'
import { listObjectives } from '~/domain/vocabulary/vocabulary.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await requestTranslator(request)
  const list = listObjectives(locale)
  const counts = await objectiveCounts(db)
  const number = new Intl.NumberFormat(locale)
  return {
    title: t('browse.objectives.title'),
    description: t('browse.objectives.description'),
    objectives: list.map((o) => {
      const c = counts.get(o.number) ?? { requests: 0, offers: 0 }
      return { ...o, requests: { count: c.requests, text: number.format(c.requests) }, offers: { count: c.offers, text: number.format(c.offers) } }
    }),
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['browse'], hydrate: 'signed-in' }

export default function Objectives() {
  const { objectives } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1>{t('browse.objectives.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('browse.objectives.lead')}</p>
      </header>
      <ol className="grid gap-3 md:grid-cols-2">
        {objectives.map((o) => (
          <li key={o.number} className="card flex gap-4">
            <span className="w-8 shrink-0 text-end text-2xl font-semibold text-brand-700" aria-hidden="true">
              {o.number}
            </span>
            <div className="min-w-0 space-y-2">
              <h2 className="text-base">
                <Link to={urls.objective(o.number)} className="block">
                  <span className="sr-only">{t('browse.objectives.number', { number: o.number })}: </span>
                  {o.shortTitle}
                </Link>
              </h2>
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                <li>
                  <Link to={urls.requests({ objective: o.number, status: 'published' })}>
                    {t('browse.objectives.openRequests', { count: o.requests.count, formatted: o.requests.text })}
                  </Link>
                </li>
                <li>
                  <Link to={urls.offers({ objective: o.number })}>
                    {t('browse.objectives.activeOffers', { count: o.offers.count, formatted: o.offers.text })}
                  </Link>
                </li>
              </ul>
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = browseMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
