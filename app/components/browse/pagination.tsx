import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { href, withPage, type BrowseState, type Listing } from '~/domain/catalogue/params'
import { urls } from '~/utils/urls'

/** The pages around the current one, with the first and the last; null marks a gap. */
export function pageWindow(page: number, count: number): (number | null)[] {
  const pages = new Set([1, count, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= count))
  const sorted = [...pages].sort((a, b) => a - b)
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1]! > 1 ? [null, p] : [p]))
}

const item = 'inline-flex min-w-10 items-center justify-center rounded-md border px-3 py-2 text-sm no-underline hover:no-underline'
const idle = `${item} border-slate-300 bg-white text-slate-800 hover:bg-slate-100`

export interface PageLinkTexts {
  label: string
  previous: string
  next: string
  page: (page: number) => string
}

/** Links to the pages of a listing: previous, the pages around this one with the first and last, next. */
export function PageLinks({ page, pageCount, to, texts }: { page: number; pageCount: number; to: (page: number) => string; texts: PageLinkTexts }) {
  if (pageCount <= 1) return null
  return (
    <nav aria-label={texts.label}>
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link discover="none" to={to(page - 1)} rel="prev" className={idle}>
              <span aria-hidden="true">←</span> {texts.previous}
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
                aria-label={texts.page(p)}
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
            <Link discover="none" to={to(page + 1)} rel="next" className={idle}>
              {texts.next} <span aria-hidden="true">→</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}

export function Pagination({ listing, state, page, pageCount }: { listing: Listing; state: BrowseState; page: number; pageCount: number }) {
  const { t } = useTranslation()
  const texts = {
    label: t('browse.pagination.label'),
    previous: t('browse.pagination.previous'),
    next: t('browse.pagination.next'),
    page: (p: number) => t('browse.pagination.page', { page: p }),
  }
  return <PageLinks page={page} pageCount={pageCount} to={(p) => href(urls[listing](), withPage(state, p))} texts={texts} />
}
