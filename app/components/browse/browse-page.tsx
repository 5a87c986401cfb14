import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { StartAgainErrorPage } from '~/components/error-page'
import { SaveSearch, type SaveSearchOffer } from '~/components/alerts/save-search'
import { PracticeCard } from '~/components/practices/practice-card'
import { hasCriteria, href, withPage, type Listing } from '~/domain/catalogue/params'
import type { BrowsePageData } from '~/domain/catalogue/page.server'
import type { CardView, PracticeCardView } from '~/domain/catalogue/present.server'
import { ActiveFilters } from './active-filters'
import { FacetSidebar } from './facet-sidebar'
import { Pagination } from './pagination'
import { ResultCard } from './result-card'
import { SearchForm, SortLinks } from './search-form'
import { browseTexts } from './texts'
import { urls } from '~/utils/urls'

type AnyBrowsePageData = BrowsePageData<Listing> & { feed?: { href: string; title: string } }

const cardOf = (listing: Listing, card: CardView | PracticeCardView): ReactNode =>
  listing === 'practices' ? <PracticeCard card={card as PracticeCardView} /> : <ResultCard card={card as CardView} />

/** The public list of requests or of offers: its heading, then the search. */
export function BrowsePage({ data, save }: { data: AnyBrowsePageData; save?: SaveSearchOffer }) {
  const { t } = useTranslation()
  const listing = data.listing as 'requests' | 'offers'
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1>{t(`browse.${listing}.title`)}</h1>
        <p className="max-w-3xl text-slate-700">{t(`browse.${listing}.lead`)}</p>
      </header>
      <Browse data={data} after={save ? <SaveSearch listing={listing} state={data.state} offer={save} /> : null} />
    </div>
  )
}

/**
 * The search of a listing: the form, chosen filters, results, pages, and the facets; `after` follows the results
 * (on /requests and /offers, the form that saves the search once the reader has seen what it finds).
 */
export function Browse({ data, after }: { data: AnyBrowsePageData; after?: ReactNode }) {
  const { t } = useTranslation()
  const { listing, state } = data
  const texts = browseTexts[listing]
  return (
    <>
      <SearchForm listing={listing} state={state} />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_17rem]">
        <section aria-labelledby="results-heading" className="min-w-0 space-y-4">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
            <h2 id="results-heading">{t(texts.count, { count: data.total, formatted: data.totalText })}</h2>
            <a href="#filters" className="text-sm lg:hidden">
              {t('browse.results.jumpToFilters')}
            </a>
            <SortLinks listing={listing} state={state} sort={data.sort} />
          </div>
          <ActiveFilters path={urls[listing]()} state={state} active={data.active} headingLevel={texts.activeHeading} />
          {data.range || data.feed ? (
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
              {data.range ? (
                <p className="text-slate-600">{t('browse.results.range', { from: data.range.from, to: data.range.to, total: data.totalText })}</p>
              ) : null}
              {data.feed ? (
                // A resource, not a page: the browser fetches it as a document rather than through the router.
                <a href={data.feed.href} type="application/atom+xml">
                  {t('browse.feed.link')}
                </a>
              ) : null}
            </div>
          ) : null}
          {data.cards.length ? (
            <ul className="space-y-3">
              {data.cards.map((card) => (
                <li key={card.id}>{cardOf(listing, card)}</li>
              ))}
            </ul>
          ) : (
            <EmptyResults data={data} />
          )}
          <Pagination listing={listing} state={state} page={data.page} pageCount={data.pageCount} />
          {after}
        </section>
        <FacetSidebar listing={listing} state={state} facets={data.facets} />
      </div>
    </>
  )
}

function EmptyResults({ data }: { data: AnyBrowsePageData }) {
  const { t } = useTranslation()
  const { listing, state } = data
  const texts = browseTexts[listing]
  if (data.total > 0) {
    return (
      <div className="card space-y-3">
        <p>{t('browse.results.beyond', { page: data.page, pages: data.pageCount })}</p>
        <p>
          <Link to={href(urls[listing](), withPage(state, 1))} className="btn-secondary">
            {t('browse.results.firstPage')}
          </Link>
        </p>
      </div>
    )
  }
  return (
    <div className="card space-y-3">
      <p className="font-medium">{t(texts.empty)}</p>
      {hasCriteria(state) ? (
        <>
          {texts.emptyHint ? <p className="text-slate-700">{t('browse.results.emptyHint')}</p> : null}
          <p>
            <Link to={urls[listing]()} className="btn-secondary">
              {t(texts.seeAll)}
            </Link>
          </p>
        </>
      ) : null}
    </div>
  )
}

/** The error in words, and for a search that cannot be run, a way to start again. */
export function BrowseErrorBoundary({ listing }: { listing: Listing }) {
  const { t } = useTranslation()
  return <StartAgainErrorPage to={urls[listing]()} label={t('browse.errors.startAgain')} />
}
