import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { PracticeCardView } from '~/domain/catalogue/present.server'
import { urls } from '~/utils/urls'

// Set once on the list, not on each fact of twenty cards.
const facts =
  'grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 [&>div]:flex [&>div]:min-w-0 [&>div]:gap-1 [&_dt]:shrink-0 [&_dt]:text-slate-600 [&_dd]:min-w-0 [&_dd]:break-words [&_dd]:text-slate-800'

/** One published practice in a list: who shared it, where, on which objectives. */
export function PracticeCard({ card, headingLevel = 3 }: { card: PracticeCardView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article className="card space-y-3">
      <div className="space-y-1">
        <Heading className="text-base font-semibold sm:text-lg" lang={card.language} dir="auto">
          <Link to={card.href}>{card.title}</Link>
        </Heading>
        <p className="line-clamp-3 text-sm text-slate-700" lang={card.language} dir="auto">
          {card.summary}
        </p>
      </div>
      <dl className={facts}>
        <div>
          <dt>{t('practices.card.by')}:</dt>
          <dd>{card.organization}</dd>
        </div>
        {card.places.length ? (
          <div>
            <dt>{t('practices.card.where')}:</dt>
            <dd>{card.places.join(t('common.listSeparator'))}</dd>
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <dt>{t('practices.card.objectives')}:</dt>
          <dd>
            {card.objectives.map((o, i) => (
              <span key={o.number}>
                {i > 0 ? ', ' : null}
                <Link to={urls.objective(o.number)}>
                  {o.number}. {o.title}
                </Link>
              </span>
            ))}
          </dd>
        </div>
        {card.period ? (
          <div>
            <dt>{t('practices.card.period')}:</dt>
            <dd>{card.period}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('practices.card.published')}:</dt>
          <dd>
            <time dateTime={card.published.iso}>{card.published.text}</time>
          </dd>
        </div>
      </dl>
    </article>
  )
}
