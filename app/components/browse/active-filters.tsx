import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { cleared, href, toggled, withoutQuery, type BrowseState, type FacetParam } from '~/domain/catalogue/params'

interface ActiveFilter {
  param: FacetParam
  value: string
  label: string
}

const chip = 'inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 px-3 py-1 text-sm text-brand-900 no-underline hover:bg-brand-100'

/** What narrows the results of the listing at `path` now, each with a link that removes it. */
export function ActiveFilters({ path, state, active, headingLevel = 2 }: { path: string; state: BrowseState; active: ActiveFilter[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation()
  if (!state.q && active.length === 0) return null
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section aria-labelledby="active-filters" className="flex flex-wrap items-center gap-2">
      <Heading id="active-filters" className="text-sm font-medium text-slate-700">
        {t('browse.active.title')}
      </Heading>
      <ul className="flex flex-wrap gap-2">
        {state.q ? (
          <li>
            <Link discover="none" to={href(path, withoutQuery(state))} className={chip}>
              <span className="sr-only">{t('browse.active.remove')}: </span>
              {t('browse.active.query')}: “{state.q}”<span aria-hidden="true"> ×</span>
            </Link>
          </li>
        ) : null}
        {active.map((f) => (
          <li key={`${f.param}=${f.value}`}>
            <Link discover="none" to={href(path, toggled(state, f.param, f.value))} className={chip}>
              <span className="sr-only">{t('browse.active.remove')}: </span>
              {t(`browse.facets.${f.param}`)}: {f.label}
              <span aria-hidden="true"> ×</span>
            </Link>
          </li>
        ))}
      </ul>
      <Link discover="none" to={href(path, cleared())} className="text-sm">
        {t('browse.active.clear')}
      </Link>
    </section>
  )
}
