import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { ErrorPage } from '~/components/error-page'
import { StatusBadge } from '~/components/facts'
import type { PracticesPageData } from '~/domain/knowledge/page.server'
import { cleared, hasCriteria, href, withPage } from '~/domain/search/params'
import { PracticeCard } from './practice-card'
import { ActiveFilters } from '~/components/browse/active-filters'
import { PracticeFacets, PracticePagination, PracticeSearchForm, PracticeSortLinks } from './practice-browse'

/** The public list of practices: search, chosen filters, results, pages and facets. */
export function PracticesBrowse({ data }: { data: PracticesPageData }) {
  const { t } = useTranslation()
  const { state } = data
  return (
    <>
      <PracticeSearchForm state={state} />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_17rem]">
        <section aria-labelledby="results-heading" className="min-w-0 space-y-4">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
            <h2 id="results-heading">{t('practices.list.count', { count: data.total, formatted: data.totalText })}</h2>
            <a href="#filters" className="text-sm lg:hidden">
              {t('browse.results.jumpToFilters')}
            </a>
            <PracticeSortLinks state={state} sort={data.sort} />
          </div>
          <ActiveFilters path="/practices" state={state} active={data.active} headingLevel={3} />
          {data.range ? <p className="text-sm text-slate-600">{t('browse.results.range', { from: data.range.from, to: data.range.to, total: data.totalText })}</p> : null}
          {data.cards.length ? (
            <ul className="space-y-3">
              {data.cards.map((card) => (
                <li key={card.id}>
                  <PracticeCard card={card} />
                </li>
              ))}
            </ul>
          ) : data.total > 0 ? (
            <div className="card space-y-3">
              <p>{t('browse.results.beyond', { page: data.page, pages: data.pageCount })}</p>
              <p>
                <Link to={href('/practices', withPage(state, 1))} className="btn-secondary">
                  {t('browse.results.firstPage')}
                </Link>
              </p>
            </div>
          ) : (
            <div className="card space-y-3">
              <p className="font-medium">{t('practices.list.empty')}</p>
              {hasCriteria(state) ? (
                <p>
                  <Link to={href('/practices', cleared())} className="btn-secondary">
                    {t('practices.list.seeAll')}
                  </Link>
                </p>
              ) : null}
            </div>
          )}
          <PracticePagination state={state} page={data.page} pageCount={data.pageCount} />
        </section>
        <PracticeFacets state={state} facets={data.facets} />
      </div>
    </>
  )
}

interface Mine {
  share: { slug: string; name: string }[]
  practices: { id: string; title: string; status: 'draft' | 'submitted' | 'returned' | 'published' | 'withdrawn'; organization: string }[]
  reviewCount: number | null
}

/** For a signed-in member: where to share a practice, and the organisation's own practices in any status. */
export function MyPractices({ mine }: { mine: Mine }) {
  const { t } = useTranslation()
  if (!mine.share.length && !mine.practices.length && mine.reviewCount === null) return null
  return (
    <section aria-labelledby="my-practices" className="card space-y-3">
      <h2 id="my-practices" className="text-base">
        {t('practices.list.yours')}
      </h2>
      {mine.reviewCount !== null ? (
        <p>
          <Link to="/secretariat/practices">
            {t('practices.list.reviewQueue')} ({mine.reviewCount})
          </Link>
        </p>
      ) : null}
      {mine.share.length ? (
        <ul className="flex flex-wrap gap-2">
          {mine.share.map((org) => (
            <li key={org.slug}>
              <Link to={`/orgs/${org.slug}/practices/new`} className="btn-primary">
                {mine.share.length > 1 ? t('practices.list.shareFor', { organization: org.name }) : t('practices.list.share')}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {mine.practices.length ? (
        <>
          <p className="hint">{t('practices.list.yoursLead')}</p>
          <ul className="divide-y divide-slate-100 text-sm">
            {mine.practices.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link to={`/practices/${p.id}`}>{p.title}</Link>
                <StatusBadge status={p.status} label={t(`practices.statuses.${p.status}`)} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

/** The error in words, and for a search that cannot be run, a way to start again. */
export function PracticesErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <ErrorPage error={error} />
      {isRouteErrorResponse(error) && error.status === 400 ? (
        <p className="text-center">
          <Link to="/practices">{t('browse.errors.startAgain')}</Link>
        </p>
      ) : null}
    </div>
  )
}
