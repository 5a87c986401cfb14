import { Form, Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { projectStatuses } from '#db/schema/enum-values'
import { pageWindow } from '~/components/browse/pagination'

export interface FilterValues {
  objective?: number
  country?: string
  status?: string
}

export interface FilterChoices {
  objectives: { number: number; title: string }[]
  countries: { code: string; name: string }[]
}

/** The URL of a listing with these filters and page (page 1 is left out). */
export function listingHref(path: string, filters: FilterValues, page = 1) {
  const params = new URLSearchParams()
  if (filters.objective) params.set('objective', String(filters.objective))
  if (filters.country) params.set('country', filters.country)
  if (filters.status) params.set('status', filters.status)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `${path}?${query}` : path
}

/** Objective, country and status as a plain GET form: works without JavaScript, keeps the filters in the URL. */
export function ProjectFilters({ path, filters, choices }: { path: string; filters: FilterValues; choices: FilterChoices }) {
  const { t } = useTranslation()
  const active = Boolean(filters.objective || filters.country || filters.status)
  return (
    <Form method="get" action={path} role="search" className="card grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" aria-label={t('projectPages.filters.label')}>
      <div>
        <label htmlFor="filter-objective" className="label">
          {t('projectPages.filters.objective')}
        </label>
        <select id="filter-objective" name="objective" defaultValue={filters.objective ? String(filters.objective) : ''} className="input mt-1">
          <option value="">{t('projectPages.filters.anyObjective')}</option>
          {choices.objectives.map((o) => (
            <option key={o.number} value={o.number}>
              {o.number}. {o.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-country" className="label">
          {t('projectPages.filters.country')}
        </label>
        <select id="filter-country" name="country" defaultValue={filters.country ?? ''} className="input mt-1">
          <option value="">{t('projectPages.filters.anyCountry')}</option>
          {choices.countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-status" className="label">
          {t('projectPages.filters.status')}
        </label>
        <select id="filter-status" name="status" defaultValue={filters.status ?? ''} className="input mt-1">
          <option value="">{t('projectPages.filters.anyStatus')}</option>
          {projectStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`projectTerms.statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary">
          {t('projectPages.filters.apply')}
        </button>
        {active ? (
          <Link to={path} className="text-sm">
            {t('projectPages.filters.clear')}
          </Link>
        ) : null}
      </div>
    </Form>
  )
}

const item = 'inline-flex min-w-10 items-center justify-center rounded-md border px-3 py-2 text-sm no-underline hover:no-underline'
const idle = `${item} border-slate-300 bg-white text-slate-800 hover:bg-slate-100`

/** Pages of a filtered listing, as links that keep the filters. */
export function ListingPager({ path, filters, page, pageCount }: { path: string; filters: FilterValues; page: number; pageCount: number }) {
  const { t } = useTranslation()
  if (pageCount <= 1) return null
  return (
    <nav aria-label={t('projectPages.pagination.label')}>
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link to={listingHref(path, filters, page - 1)} rel="prev" className={idle}>
              <span aria-hidden="true">←</span> {t('projectPages.pagination.previous')}
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
                to={listingHref(path, filters, p)}
                aria-label={t('projectPages.pagination.page', { page: p })}
                aria-current={p === page ? 'page' : undefined}
                className={p === page ? `${item} border-brand-700 bg-brand-700 text-white` : idle}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link to={listingHref(path, filters, page + 1)} rel="next" className={idle}>
              {t('projectPages.pagination.next')} <span aria-hidden="true">→</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
