import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { listObjectives, listPrinciples } from '~/domain/vocabulary/vocabulary.server'
import { useRootData } from '~/root'
import { requestTranslator } from '~/utils/i18n.server'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale, t } = await requestTranslator(request)
  return {
    // The head in the reader's language, like every other page's: what a search result or a shared link shows.
    title: `${t('app.name')} — ${t('home.title')}`,
    description: t('home.lead'),
    objectives: listObjectives(locale),
    principles: listPrinciples(locale),
  }
}

const functions = ['assess', 'partners', 'similar', 'implement', 'funding'] as const

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['home'], hydrate: 'signed-in' }

export default function Home() {
  const { objectives, principles } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const user = useRootData()?.user
  return (
    <div className="space-y-10">
      <section aria-labelledby="hero" className="space-y-4">
        <p className="text-sm font-medium uppercase tracking-wide text-brand-700">{t('app.tagline')}</p>
        <h1 id="hero" className="max-w-3xl">
          {t('home.title')}
        </h1>
        <p className="max-w-3xl text-lg text-slate-700">{t('home.lead')}</p>
        {user ? (
          <p>
            <Link to={urls.organizations()} className="btn-primary">
              {t('home.goToOrganizations')}
            </Link>
          </p>
        ) : (
          <p>
            <Link to={urls.signup()} className="btn-primary">
              {t('home.getStarted')}
            </Link>
          </p>
        )}
      </section>

      <section aria-labelledby="functions" className="card">
        <h2 id="functions">{t('home.functionsTitle')}</h2>
        <ol className="mt-3 grid gap-3 sm:grid-cols-5">
          {functions.map((key, index) => (
            <li key={key} className="rounded-md bg-brand-50 p-3 text-sm text-brand-900">
              <span className="block text-xs font-semibold text-brand-700">{index + 1}</span>
              {t(`home.functions.${key}`)}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="objectives">
        <h2 id="objectives">{t('home.objectivesTitle')}</h2>
        <p className="mt-1 text-slate-700">{t('home.objectivesLead')}</p>
        <ol className="mt-4 grid gap-2 sm:grid-cols-2">
          {objectives.map((o) => (
            <li key={o.number} className="flex gap-3 rounded-md border border-slate-200 bg-white p-3 text-sm">
              <span className="w-7 shrink-0 text-end font-semibold text-brand-700">{o.number}</span>
              <Link to={urls.objective(o.number)} title={o.title}>
                {o.shortTitle}
              </Link>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="principles">
        <h2 id="principles">{t('home.principlesTitle')}</h2>
        <ul className="mt-3 flex flex-wrap gap-2">
          {principles.map((p) => (
            <li key={p.code} className="badge bg-slate-200 text-slate-800">
              {p.title}
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: data.title }, { name: 'description', content: data.description }] : [{ title: 'Connection Hub' }]
