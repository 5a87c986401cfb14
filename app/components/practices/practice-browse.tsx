import { Form, Link } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { pageWindow } from '~/components/browse/pagination'
import { practiceFacets, type PracticeFacet } from '~/domain/knowledge/facets'
import { href, sorts, toggled, withPage, type BrowseState, type Sort } from '~/domain/search/params'

/** The search, filters and pages of /practices: plain links and a GET form, so all of it works without JavaScript. */

const PATH = '/practices'

export function PracticeSearchForm({ state }: { state: BrowseState }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <Form method="get" action={PATH} role="search" className="card space-y-2">
      <label htmlFor={`${id}-q`} className="label">
        {t('practices.list.searchLabel')}
      </label>
      <div className="flex flex-wrap gap-2">
        <input id={`${id}-q`} type="search" name="q" defaultValue={state.q} maxLength={200} aria-describedby={`${id}-hint`} className="input min-w-0 flex-1 basis-48" />
        <button type="submit" className="btn-primary">
          {t('browse.search.submit')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t('practices.list.searchHint')}
      </p>
      {practiceFacets.flatMap((name) => state.filters[name].map((value) => <input key={`${name}=${value}`} type="hidden" name={name} value={value} />))}
      {state.sort ? <input type="hidden" name="sort" value={state.sort} /> : null}
    </Form>
  )
}

export function PracticeSortLinks({ state, sort }: { state: BrowseState; sort: Sort }) {
  const { t } = useTranslation()
  return (
    <nav aria-label={t('browse.search.sort')} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className="text-slate-600" aria-hidden="true">
        {t('browse.search.sort')}:
      </span>
      <ul className="flex flex-wrap gap-x-3 gap-y-1">
        {sorts
          .filter((s) => s !== 'relevance' || state.q)
          .map((s) => (
            <li key={s}>
              <Link
                discover="none"
                to={href(PATH, { ...state, sort: s, page: 1 })}
                aria-current={s === sort ? 'true' : undefined}
                className="aria-[current=true]:font-semibold aria-[current=true]:text-slate-900 aria-[current=true]:no-underline"
              >
                {t(`browse.search.sorts.${s}`)}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  )
}

interface FacetValue {
  value: string
  label: string
  countText: string
  selected: boolean
}

const SHOWN = 8
const list =
  '[&>li>a]:flex [&>li>a]:items-baseline [&>li>a]:justify-between [&>li>a]:gap-2 [&>li>a]:rounded [&>li>a]:px-2 [&>li>a]:py-1 [&>li>a]:text-sm [&>li>a]:text-slate-800 [&>li>a]:no-underline [&_a:hover]:bg-brand-50 [&_a:hover]:underline [&_[data-chosen]]:bg-brand-50 [&_[data-chosen]]:font-semibold [&_[data-chosen]]:text-brand-900 [&_small]:shrink-0 [&_small]:text-xs [&_small]:text-slate-600'

export function PracticeFacets({ state, facets }: { state: BrowseState; facets: { param: PracticeFacet; values: FacetValue[] }[] }) {
  const { t } = useTranslation()
  const chosen = t('browse.facets.chosen')
  const item = (param: PracticeFacet) => (v: FacetValue) => (
    <li key={v.value}>
      <Link discover="none" to={href(PATH, toggled(state, param, v.value))} data-chosen={v.selected ? '' : undefined}>
        <span>
          {v.selected ? <span aria-hidden="true">✓ </span> : null}
          {v.label}
          {v.selected ? <span className="sr-only">, {chosen}</span> : null}
        </span>
        <small>{v.countText}</small>
      </Link>
    </li>
  )
  return (
    <aside id="filters" aria-labelledby="filters-title" className="space-y-5">
      <div>
        <h2 id="filters-title">{t('browse.facets.title')}</h2>
        <p className="hint">{t('practices.list.facetsHint')}</p>
      </div>
      {facets
        .filter((f) => f.values.length > 0)
        .map((facet) => (
          <section key={facet.param} aria-labelledby={`facet-${facet.param}`}>
            <h3 id={`facet-${facet.param}`} className="mb-1 text-sm font-semibold uppercase tracking-wide text-slate-700">
              {t(`browse.facets.${facet.param}`)}
            </h3>
            <ul className={list}>{facet.values.slice(0, SHOWN).map(item(facet.param))}</ul>
            {facet.values.length > SHOWN ? (
              <details>
                <summary className="cursor-pointer px-2 py-1 text-sm text-brand-700">{t('browse.facets.more', { count: facet.values.length - SHOWN })}</summary>
                <ul className={list}>{facet.values.slice(SHOWN).map(item(facet.param))}</ul>
              </details>
            ) : null}
          </section>
        ))}
    </aside>
  )
}

const pageItem = 'inline-flex min-w-10 items-center justify-center rounded-md border px-3 py-2 text-sm no-underline hover:no-underline'
const idle = `${pageItem} border-slate-300 bg-white text-slate-800 hover:bg-slate-100`

export function PracticePagination({ state, page, pageCount }: { state: BrowseState; page: number; pageCount: number }) {
  const { t } = useTranslation()
  if (pageCount <= 1) return null
  const to = (p: number) => href(PATH, withPage(state, p))
  return (
    <nav aria-label={t('browse.pagination.label')}>
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link discover="none" to={to(page - 1)} rel="prev" className={idle}>
              <span aria-hidden="true">←</span> {t('browse.pagination.previous')}
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-600">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                discover="none"
                to={to(p)}
                aria-label={t('browse.pagination.page', { page: p })}
                aria-current={p === page ? 'page' : undefined}
                className={p === page ? `${pageItem} border-brand-700 bg-brand-700 text-white` : idle}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link discover="none" to={to(page + 1)} rel="next" className={idle}>
              {t('browse.pagination.next')} <span aria-hidden="true">→</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
