import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { AllocationBreakdowns, DonorBreakdown } from '~/components/fund/fund-breakdowns'
import { FundTotals } from '~/components/fund/fund-totals'
import { fundOverview } from '~/domain/fund/public.server'
import { cardPaymentsEnabled } from '~/domain/fund/stripe.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { getUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await requestTranslator(request)
  const [overview, user] = await Promise.all([fundOverview(db, locale), getUser(request)])
  return {
    title: t('fundPages.overview.title'),
    description: t('fundPages.overview.lead'),
    signedIn: user !== null,
    cardEnabled: cardPaymentsEnabled(),
    ...overview,
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['fundPages'], hydrate: 'signed-in' }

export default function Fund() {
  const { totals, donors, projects, objectives, countries, signedIn, cardEnabled } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-10">
      <header className="space-y-4">
        <h1>{t('fundPages.overview.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('fundPages.overview.lead')}</p>
        <div className="flex flex-wrap gap-3">
          {cardEnabled ? (
            <Link to={urls.fundContribute()} className="btn-primary">
              {t('fundPages.overview.contributeCard')}
            </Link>
          ) : null}
          <Link to={`${urls.fundContribute()}#pledge`} className={cardEnabled ? 'btn-secondary' : 'btn-primary'}>
            {t('fundPages.overview.pledge')}
          </Link>
          {signedIn ? (
            <Link to={urls.fundMine()} className="btn-secondary">
              {t('fundPages.overview.mine')}
            </Link>
          ) : null}
        </div>
      </header>

      <section aria-labelledby="totals" className="space-y-3">
        <h2 id="totals">{t('fundPages.overview.totals')}</h2>
        <FundTotals totals={totals} />
      </section>

      <DonorBreakdown donors={donors} />
      <AllocationBreakdowns projects={projects} objectives={objectives} countries={countries} />

      <section aria-labelledby="open-data" className="space-y-3">
        <h2 id="open-data">{t('fundPages.overview.openData')}</h2>
        <p className="max-w-3xl text-slate-700">{t('fundPages.overview.openDataLead')}</p>
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <a href={urls.api('/fund/transactions.csv')} download>
              {t('fundPages.overview.csv')}
            </a>
          </li>
          <li>
            <a href={urls.api('/fund')}>{t('fundPages.overview.json')}</a> <code className="text-sm text-slate-700">/api/v1/fund</code>
          </li>
        </ul>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: pageTitle(data.title) }, { name: 'description', content: data.description }] : [{ title: pageTitle('Fund') }]

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
