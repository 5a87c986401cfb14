import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { MyContributions } from '~/components/fund/my-contributions'
import { formatExactMoney } from '~/components/fund/exact-money'
import { donorDashboard } from '~/domain/fund/public.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { t, locale } = await requestTranslator(request)
  const dashboard = await donorDashboard(db, user, locale)
  return {
    title: t('fundPages.mine.title'),
    givenUsd: dashboard.givenUsd,
    pledgedOutstanding: dashboard.pledgedOutstanding,
    contributions: dashboard.contributions.map((c) => ({
      id: c.id,
      createdAt: c.createdAt,
      amount: c.amount,
      currency: c.currency,
      method: c.method,
      status: c.status,
      receivedAmount: c.receivedAmount,
      refundedAmount: c.refundedAmount,
      receivedUsd: c.receivedUsd - c.refundedUsd,
      earmark: c.earmarkTarget,
      receipts: c.receipts,
    })),
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['fundPages'] }

export default function MyContributionsPage() {
  const { givenUsd, pledgedOutstanding, contributions } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const money = (minor: number, currency: string) => formatExactMoney(i18n.language, minor, currency)
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1>{t('fundPages.mine.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('fundPages.mine.lead')}</p>
        <div className="flex flex-wrap gap-3">
          <Link to={urls.fundContribute()} className="btn-primary">
            {t('fundPages.mine.contribute')}
          </Link>
          <Link to={urls.fund()} className="btn-secondary">
            {t('fundPages.mine.seeFund')}
          </Link>
        </div>
      </header>

      <dl className="grid gap-3 sm:grid-cols-2">
        <div className="card">
          <dt className="text-sm font-medium text-slate-700">{t('fundPages.mine.given')}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{money(givenUsd, 'USD')}</dd>
          <dd className="mt-1 text-xs text-slate-600">{t('fundPages.mine.givenHint')}</dd>
        </div>
        <div className="card">
          <dt className="text-sm font-medium text-slate-700">{t('fundPages.mine.pledged')}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">
            {pledgedOutstanding.length ? pledgedOutstanding.map((p) => <span key={p.currency} className="block">{money(p.amount, p.currency)}</span>) : money(0, 'USD')}
          </dd>
        </div>
      </dl>

      {contributions.length ? (
        <MyContributions contributions={contributions} />
      ) : (
        <p className="card text-slate-700">{t('fundPages.mine.none')}</p>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
