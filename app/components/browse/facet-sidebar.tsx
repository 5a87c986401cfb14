import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { browseTexts } from './texts'
import { href, toggled, type BrowseState, type FacetParam, type Listing } from '~/domain/catalogue/params'
import { urls } from '~/utils/urls'

interface FacetValue {
  value: string
  label: string
  count: number
  countText: string
  selected: boolean
  /** Chosen because nothing else was (active offers); practices have no such value. */
  byDefault?: boolean
}

interface Facet {
  param: FacetParam
  values: FacetValue[]
}

const SHOWN = 8

// Styles set once on the list rather than on each of its (many) links keep the page light.
const list =
  '[&>li>*]:flex [&>li>*]:items-baseline [&>li>*]:justify-between [&>li>*]:gap-2 [&>li>*]:rounded [&>li>*]:px-2 [&>li>*]:py-1 [&>li>*]:text-sm [&>li>*]:text-slate-800 [&>li>*]:no-underline [&_a:hover]:bg-brand-50 [&_a:hover]:underline [&_[data-chosen]]:bg-brand-50 [&_[data-chosen]]:font-semibold [&_[data-chosen]]:text-brand-900 [&_small]:shrink-0 [&_small]:text-xs [&_small]:text-slate-600'

function FacetLink({ listing, state, param, value, chosen }: { listing: Listing; state: BrowseState; param: FacetParam; value: FacetValue; chosen: string }) {
  if (value.byDefault) {
    return (
      <span data-chosen="">
        <span>
          <span aria-hidden="true">✓ </span>
          {value.label}
        </span>
        <small>{value.countText}</small>
      </span>
    )
  }
  return (
    <Link discover="none" to={href(urls[listing](), toggled(state, param, value.value))} data-chosen={value.selected ? '' : undefined}>
      <span>
        {value.selected ? <span aria-hidden="true">✓ </span> : null}
        {value.label}
        {value.selected ? <span className="sr-only">, {chosen}</span> : null}
      </span>
      <small>{value.countText}</small>
    </Link>
  )
}

/** Facet values are links: each adds or removes one filter and keeps the others. */
export function FacetSidebar({ listing, state, facets }: { listing: Listing; state: BrowseState; facets: Facet[] }) {
  const { t } = useTranslation()
  // A facet whose only value is the one chosen still shows, so the choice can be undone from here too.
  const shown = facets.filter((f) => f.values.length > 0)
  const chosen = t('browse.facets.chosen')
  return (
    <aside id="filters" aria-labelledby="filters-title" className="space-y-5">
      <div>
        <h2 id="filters-title">{t('browse.facets.title')}</h2>
        <p className="hint">{t(browseTexts[listing].facetsHint)}</p>
      </div>
      {shown.map((facet) => {
        const headingId = `facet-${facet.param}`
        const first = facet.values.slice(0, SHOWN)
        const rest = facet.values.slice(SHOWN)
        const item = (v: FacetValue) => (
          <li key={v.value}>
            <FacetLink listing={listing} state={state} param={facet.param} value={v} chosen={chosen} />
          </li>
        )
        return (
          <section key={facet.param} aria-labelledby={headingId}>
            <h3 id={headingId} className="mb-1 text-sm font-semibold uppercase tracking-wide text-slate-700">
              {t(`browse.facets.${facet.param}`)}
            </h3>
            <ul className={list}>{first.map(item)}</ul>
            {rest.length ? (
              <details>
                <summary className="cursor-pointer px-2 py-1 text-sm text-brand-700">{t('browse.facets.more', { count: rest.length })}</summary>
                <ul className={list}>{rest.map(item)}</ul>
              </details>
            ) : null}
          </section>
        )
      })}
    </aside>
  )
}
