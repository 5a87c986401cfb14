import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { formatMoney } from '~/components/money'

export interface FundTotalsData {
  received: number
  balance: number
  allocated: number
  allocatedUndisbursed: number
  disbursed: number
  shortfall: number
  pledgedOutstanding: { currency: string; amount: number }[]
}

function Figure({ label, hint, children }: { label: string; hint: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{children}</dd>
      <dd className="mt-1 text-xs text-slate-600">{hint}</dd>
    </div>
  )
}

/** The fund's totals in USD, and one sentence showing how they add up (received = available + allocated + disbursed + shortfall). */
export function FundTotals({ totals }: { totals: FundTotalsData }) {
  const { t, i18n } = useTranslation()
  const usd = (minor: number) => formatMoney(i18n.language, minor, 'USD')
  return (
    <div className="space-y-4">
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Figure label={t('fundPages.overview.received')} hint={t('fundPages.overview.receivedHint')}>
          {usd(totals.received)}
        </Figure>
        <Figure label={t('fundPages.overview.balance')} hint={t('fundPages.overview.balanceHint')}>
          {usd(totals.balance)}
        </Figure>
        <Figure label={t('fundPages.overview.allocated')} hint={t('fundPages.overview.allocatedHint')}>
          {usd(totals.allocated)}
        </Figure>
        <Figure label={t('fundPages.overview.disbursed')} hint={t('fundPages.overview.disbursedHint')}>
          {usd(totals.disbursed)}
        </Figure>
        <Figure label={t('fundPages.overview.pledged')} hint={t('fundPages.overview.pledgedHint')}>
          {totals.pledgedOutstanding.length ? (
            <ul className="space-y-0.5">
              {totals.pledgedOutstanding.map((p) => (
                <li key={p.currency}>{formatMoney(i18n.language, p.amount, p.currency)}</li>
              ))}
            </ul>
          ) : (
            <span className="text-base font-normal text-slate-700">{t('fundPages.overview.pledgedNone')}</span>
          )}
        </Figure>
        {totals.shortfall !== 0 ? (
          <Figure label={t('fundPages.overview.shortfall')} hint={t('fundPages.overview.shortfallHint')}>
            {usd(Math.abs(totals.shortfall))}
          </Figure>
        ) : null}
      </dl>
      <p className="max-w-3xl text-sm text-slate-700">
        {t(totals.shortfall !== 0 ? 'fundPages.overview.addUpShortfall' : 'fundPages.overview.addUp', {
          received: usd(totals.received),
          balance: usd(totals.balance),
          undisbursed: usd(totals.allocatedUndisbursed),
          disbursed: usd(totals.disbursed),
          shortfall: usd(Math.abs(totals.shortfall)),
        })}
      </p>
    </div>
  )
}
