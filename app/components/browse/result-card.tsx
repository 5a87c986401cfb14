import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { CardView } from '~/domain/catalogue/present.server'
import { urls } from '~/utils/urls'

const quietStatuses = new Set(['published', 'active'])

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}:</dt>
      <dd>{children}</dd>
    </div>
  )
}

// Set once on the list, not on each of the six facts of twenty cards.
const facts =
  'grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 [&>div]:flex [&>div]:min-w-0 [&>div]:gap-1 [&_dt]:shrink-0 [&_dt]:text-slate-600 [&_dd]:min-w-0 [&_dd]:break-words [&_dd]:text-slate-800'

/** One request or offer in a list: enough to decide whether to open it, and nothing personal. */
export function ResultCard({ card, headingLevel = 3 }: { card: CardView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article className="card space-y-3">
      <div className="space-y-1">
        {card.kind || !quietStatuses.has(card.status.code) ? (
          <p className="flex flex-wrap gap-2">
            {card.kind ? <span className="badge bg-brand-100 text-brand-900">{card.kind.label}</span> : null}
            {!quietStatuses.has(card.status.code) ? <span className="badge bg-slate-200 text-slate-800">{card.status.label}</span> : null}
          </p>
        ) : null}
        <Heading className="text-base font-semibold sm:text-lg" lang={card.language} dir="auto">
          <Link to={card.href}>{card.title}</Link>
        </Heading>
        <p className="line-clamp-2 text-sm text-slate-700" lang={card.language} dir="auto">
          {card.summary}
        </p>
      </div>
      <dl className={facts}>
        <Fact term={t('browse.card.by')}>{card.organization}</Fact>
        {card.places.length ? <Fact term={t('browse.card.where')}>{card.places.join(t('common.listSeparator'))}</Fact> : null}
        <Fact term={t('browse.card.objective')}>
          <Link to={urls.objective(card.objective.number)}>
            {card.objective.number}. {card.objective.title}
          </Link>
        </Fact>
        {card.supportTypes.length ? <Fact term={t('browse.card.support')}>{card.supportTypes.join(t('common.listSeparator'))}</Fact> : null}
        <Fact term={t('browse.card.published')}>
          <time dateTime={card.published.iso}>{card.published.text}</time>
        </Fact>
        {card.money ? <Fact term={card.kind ? t('browse.card.financing') : t('browse.card.budget')}>{card.money}</Fact> : null}
      </dl>
    </article>
  )
}
