import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { BrowseErrorBoundary } from '~/components/browse/browse-page'
import { StatusBadge } from '~/components/facts'
import { urls } from '~/utils/urls'

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
          <Link to={urls.secretariatPractices()}>
            {t('practices.list.reviewQueue')} ({mine.reviewCount})
          </Link>
        </p>
      ) : null}
      {mine.share.length ? (
        <ul className="flex flex-wrap gap-2">
          {mine.share.map((org) => (
            <li key={org.slug}>
              <Link to={urls.newPractice(org.slug)} className="btn-primary">
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
                <Link to={urls.practice(p.id)}>{p.title}</Link>
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
export const PracticesErrorBoundary = () => <BrowseErrorBoundary listing="practices" />
