import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { StartAgainErrorPage } from '~/components/error-page'
import { ProjectCard } from '~/components/projects/public/project-card'
import { ListingPager, ProjectFilters, listingHref } from '~/components/projects/public/project-filters'
import { listingFilters, objectiveTitles, parseProjectFilters, projectCard, projectCountries, PROJECT_PAGE_SIZE } from '~/domain/projects/listing.server'
import { projectSummaries } from '~/domain/projects/portfolio.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await requestTranslator(request)
  const parsed = parseProjectFilters(new URL(request.url).searchParams)
  if (!parsed.success) throw new Response(parsed.problems.map((p) => t(dynamicKey(p.message), { value: p.value ?? '' })).join(' '), { status: 400 })
  const { filters } = parsed
  const page = filters.page ?? 1
  const [{ total, items }, countries] = await Promise.all([
    projectSummaries(db, { ...listingFilters(filters, PROJECT_PAGE_SIZE), publishedOnly: true }),
    projectCountries(db, locale, true),
  ])
  const titles = objectiveTitles(locale)
  return {
    title: t('projectPages.list.title'),
    description: t('projectPages.list.lead'),
    filters: { objective: filters.objective, country: filters.country, status: filters.status },
    choices: { objectives: Object.entries(titles).map(([number, title]) => ({ number: Number(number), title })), countries },
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE)),
    projects: items.map((item) => projectCard(item, titles, locale)),
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['browse', 'projectPages', 'projectTerms', 'requests'], hydrate: 'signed-in' }

export default function Projects() {
  const { filters, choices, total, page, pageCount, projects } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const filtered = Boolean(filters.objective || filters.country || filters.status)
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1>{t('projectPages.list.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('projectPages.list.lead')}</p>
      </header>
      <ProjectFilters path={urls.projects()} filters={filters} choices={choices} />
      <section aria-labelledby="results-heading" className="space-y-4">
        <h2 id="results-heading">{t('projectPages.list.count', { count: total })}</h2>
        {projects.length ? (
          <ul className="space-y-3">
            {projects.map((p) => (
              <li key={p.id}>
                <ProjectCard project={p} />
              </li>
            ))}
          </ul>
        ) : (
          <div className="card space-y-3">
            <p className="font-medium">{total > 0 ? t('projectPages.list.beyond', { page, pages: pageCount }) : t('projectPages.list.empty')}</p>
            {filtered || total > 0 ? (
              <p>
                <Link to={total > 0 ? listingHref(urls.projects(), filters) : urls.projects()} className="btn-secondary">
                  {total > 0 ? t('projectPages.list.firstPage') : t('projectPages.list.seeAll')}
                </Link>
              </p>
            ) : null}
          </div>
        )}
        <ListingPager path={urls.projects()} filters={filters} page={page} pageCount={pageCount} />
      </section>
      <p className="text-sm text-slate-600">
        {t('projectPages.list.openData')} <a href={urls.api('/projects')}>/api/v1/projects</a>
      </p>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: pageTitle(data.title) }, { name: 'description', content: data.description }] : [{ title: pageTitle('Projects') }]

export function ErrorBoundary() {
  const { t } = useTranslation()
  return <StartAgainErrorPage to={urls.projects()} label={t('projectPages.list.startAgain')} />
}
