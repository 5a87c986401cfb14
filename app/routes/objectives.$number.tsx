import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { ResultCard } from '~/components/browse/result-card'
import { PracticeCard } from '~/components/practices/practice-card'
import { browseMeta } from '~/domain/catalogue/meta'
import { objectiveWithActions, openUnderObjective, practicesUnderObjective } from '~/domain/catalogue/objectives.server'
import { offerCard, practiceCard, requestCard } from '~/domain/catalogue/present.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { invariantResponse } from '~/http/invariant.server'
import { urls } from '~/utils/urls'

const SHOWN = 5

export async function loader({ request, params }: LoaderFunctionArgs) {
  const number = /^\d{1,2}$/.test(params.number ?? '') ? Number(params.number) : NaN
  const { t, locale } = await requestTranslator(request)
  const objective = Number.isInteger(number) ? objectiveWithActions(number, locale) : null
  invariantResponse(objective, 'Not found', { status: 404 })
  const open = await openUnderObjective(db, number, SHOWN)
  const practices = await practicesUnderObjective(db, number, 10)
  const count = new Intl.NumberFormat(locale)
  return {
    title: t('browse.objectives.objectiveTitle', { number, title: objective.shortTitle }),
    description: objective.title,
    objective,
    requests: { total: open.requests.total, text: count.format(open.requests.total), cards: open.requests.items.map((i) => requestCard({ t, locale }, i)) },
    offers: { total: open.offers.total, text: count.format(open.offers.total), cards: open.offers.items.map((i) => offerCard({ t, locale }, i)) },
    practices: { total: practices.total, text: count.format(practices.total), cards: practices.items.map((i) => practiceCard({ t, locale }, i)) },
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['browse', 'practices'] }

export default function Objective() {
  const { objective, requests, offers, practices } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const n = objective.number
  return (
    <div className="space-y-8">
      <nav aria-label={t('browse.objectives.allObjectives')} className="flex flex-wrap justify-between gap-2 text-sm">
        <Link to={urls.objectives()}>← {t('browse.objectives.allObjectives')}</Link>
        <span className="flex gap-4">
          {n > 1 ? <Link to={urls.objective(n - 1)}>{t('browse.objectives.previous')}</Link> : null}
          {n < 23 ? <Link to={urls.objective(n + 1)}>{t('browse.objectives.next')}</Link> : null}
        </span>
      </nav>
      <header className="space-y-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t('browse.objectives.number', { number: n })}</p>
        <h1>{objective.shortTitle}</h1>
        {objective.title !== objective.shortTitle ? <p className="max-w-3xl text-lg text-slate-700">{objective.title}</p> : null}
        <p className="text-sm text-slate-600">{objective.titleSource === 'official' ? t('browse.objectives.titleSource.official') : t('browse.objectives.titleSource.hub')}</p>
      </header>

      <section aria-labelledby="commitments" className="card space-y-3">
        <h2 id="commitments">{t('browse.objectives.commitments')}</h2>
        <ul className="list-disc space-y-1 ps-5 text-slate-800">
          {objective.commitments.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="actions" className="space-y-3">
        <h2 id="actions">{t('browse.objectives.actions')}</h2>
        <ol className="space-y-2">
          {objective.actions.map((a) => (
            <li key={a.code} id={`action-${a.code}`} className="flex gap-3 rounded-md border border-slate-200 bg-white p-3 text-sm">
              <span className="w-10 shrink-0 font-semibold text-brand-700">{a.code}</span>
              <span>{a.text}</span>
            </li>
          ))}
        </ol>
      </section>

      <OpenList
        id="open-requests"
        title={t('browse.objectives.openRequestsTitle')}
        count={`(${requests.text})`}
        cards={requests.cards}
        empty={t('browse.objectives.noRequests')}
        more={requests.total > 0 ? { href: urls.requests({ objective: n, status: 'published' }), label: t('browse.objectives.allRequests', { number: n }) } : null}
      />
      <OpenList
        id="active-offers"
        title={t('browse.objectives.activeOffersTitle')}
        count={`(${offers.text})`}
        cards={offers.cards}
        empty={t('browse.objectives.noOffers')}
        more={offers.total > 0 ? { href: urls.offers({ objective: n }), label: t('browse.objectives.allOffers', { number: n }) } : null}
      />
      <section aria-labelledby="practices" className="space-y-3">
        <h2 id="practices">
          {t('practices.objective.title')} <span className="font-normal text-slate-600">({practices.text})</span>
        </h2>
        {practices.cards.length ? (
          <ul className="space-y-3">
            {practices.cards.map((card) => (
              <li key={card.id}>
                <PracticeCard card={card} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="card text-slate-700">{t('practices.objective.empty')}</p>
        )}
        {practices.total > 0 ? (
          <p>
            <Link to={urls.practices({ objective: n })} className="btn-secondary">
              {t('practices.objective.all', { number: n })}
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  )
}

function OpenList(props: {
  id: string
  title: string
  count: string
  cards: ReturnType<typeof requestCard>[]
  empty: string
  more: { href: string; label: string } | null
}) {
  return (
    <section aria-labelledby={props.id} className="space-y-3">
      <h2 id={props.id}>
        {props.title} <span className="font-normal text-slate-600">{props.count}</span>
      </h2>
      {props.cards.length ? (
        <ul className="space-y-3">
          {props.cards.map((card) => (
            <li key={card.id}>
              <ResultCard card={card} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="card text-slate-700">{props.empty}</p>
      )}
      {props.more ? (
        <p>
          <Link to={props.more.href} className="btn-secondary">
            {props.more.label}
          </Link>
        </p>
      ) : null}
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = browseMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
