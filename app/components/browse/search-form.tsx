import { Form, Link } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { browseTexts } from './texts'
import { facetParams, href, sorts, type BrowseState, type Listing, type Sort } from '~/domain/catalogue/params'
import { urls } from '~/utils/urls'

/** A GET form: it works without JavaScript, and the address it leads to is the search, ready to share. */
export function SearchForm({ listing, state }: { listing: Listing; state: BrowseState }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <Form method="get" action={urls[listing]()} role="search" className="card space-y-2">
      <label htmlFor={`${id}-q`} className="label">
        {t(browseTexts[listing].searchLabel)}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          defaultValue={state.q}
          maxLength={200}
          aria-describedby={`${id}-hint`}
          className="input min-w-0 flex-1 basis-48"
        />
        <button type="submit" className="btn-primary">
          {t('browse.search.submit')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t(browseTexts[listing].searchHint)}
      </p>
      {facetParams.flatMap((name) => state.filters[name].map((value) => <input key={`${name}=${value}`} type="hidden" name={name} value={value} />))}
      {state.sort ? <input type="hidden" name="sort" value={state.sort} /> : null}
    </Form>
  )
}

/** The orders as links, so changing the order needs no button and keeps every filter. */
export function SortLinks({ listing, state, sort }: { listing: Listing; state: BrowseState; sort: Sort }) {
  const { t } = useTranslation()
  const offered = sorts.filter((s) => s !== 'relevance' || state.q)
  return (
    <nav aria-label={t('browse.search.sort')} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className="text-slate-600" aria-hidden="true">
        {t('browse.search.sort')}:
      </span>
      <ul className="flex flex-wrap gap-x-3 gap-y-1">
        {offered.map((s) => (
          <li key={s}>
            <Link discover="none"
              to={href(urls[listing](), { ...state, sort: s, page: 1 })}
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
