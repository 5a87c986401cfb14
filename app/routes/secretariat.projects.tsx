import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { PortfolioTable } from '~/components/projects/public/portfolio-table'
import { ProjectFilters } from '~/components/projects/public/project-filters'
import { objectiveTitles, parseProjectFilters, projectCountries } from '~/domain/projects/listing.server'
import { portfolio } from '~/domain/projects/portfolio.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { can } from '~/domain/access/abilities'
import { requireUser } from '~/http/session.server'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  if (!can(user, 'manage:project')) throw new Response('Forbidden', { status: 403 })
  const { t, locale } = await requestTranslator(request)
  const parsed = parseProjectFilters(new URL(request.url).searchParams)
  if (!parsed.success) throw new Response(parsed.problems.map((p) => t(dynamicKey(p.message), { value: p.value ?? '' })).join(' '), { status: 400 })
  const { objective, country, status } = parsed.filters
  const [{ total, items }, countries] = await Promise.all([portfolio(db, { objective, country, status }), projectCountries(db, locale, false)])
  const titles = objectiveTitles(locale)
  return {
    title: t('projectPages.portfolio.title'),
    filters: { objective, country, status },
    choices: { objectives: Object.entries(titles).map(([number, title]) => ({ number: Number(number), title })), countries },
    total,
    atRisk: items.filter((i) => i.risk > 0).length,
    overdue: items.reduce((sum, i) => sum + i.overdue, 0),
    rows: items.map((i) => ({
      id: i.id,
      title: i.title,
      state: i.state,
      implementers: i.partners.filter((p) => p.role === 'implementing').map((p) => p.name),
      status: i.status,
      percent: i.progress.percent,
      nextDue: i.nextDue,
      overdue: i.overdue,
      risk: i.risk,
      published: i.publishedAt !== null,
    })),
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['browse', 'projectPages', 'projectTerms'] }

export default function Portfolio() {
  const { filters, choices, total, atRisk, overdue, rows } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1>{t('projectPages.portfolio.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('projectPages.portfolio.lead')}</p>
      </header>
      <ProjectFilters path={urls.secretariatProjects()} filters={filters} choices={choices} />
      <section aria-labelledby="portfolio-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="portfolio-heading">{t('projectPages.portfolio.count', { count: total })}</h2>
          <p className="text-sm text-slate-700">
            {t('projectPages.portfolio.atRisk', { count: atRisk })} · {t('projectPages.portfolio.overdueItems', { count: overdue })}
          </p>
        </div>
        {rows.length ? (
          <PortfolioTable rows={rows} />
        ) : (
          <p className="card text-slate-700">
            {t('projectPages.portfolio.empty')} <Link to={urls.secretariatMatches()}>{t('projectPages.portfolio.toMatches')}</Link>
          </p>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
