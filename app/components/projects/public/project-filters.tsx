import { Form, Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { projectStatuses } from '#db/schema/enum-values'
import { PageLinks } from '~/components/browse/pagination'

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

/** Pages of a filtered listing, as links that keep the filters. */
export function ListingPager({ path, filters, page, pageCount }: { path: string; filters: FilterValues; page: number; pageCount: number }) {
  const { t } = useTranslation()
  const texts = {
    label: t('projectPages.pagination.label'),
    previous: t('projectPages.pagination.previous'),
    next: t('projectPages.pagination.next'),
    page: (p: number) => t('projectPages.pagination.page', { page: p }),
  }
  return <PageLinks page={page} pageCount={pageCount} to={(p) => listingHref(path, filters, p)} texts={texts} />
}
