import { useTranslation } from '~/utils/i18n-react'
import type { ContributionStatus } from '#db/schema/fund'
import { DateTime } from '~/components/date-time'
import { formatMoney } from '~/components/money'
import { ScrollRegion } from './scroll-region'
import { TableHead } from '~/components/table-head'

export interface CardContributionView {
  id: string
  donorName: string
  anonymous: boolean
  status: ContributionStatus
  amount: number
  currency: string
  receivedUsd: number
  refundedUsd: number
  failureReason: string | null
  createdAt: string | Date
}

const tones: Record<ContributionStatus, string> = {
  pending: 'bg-amber-100 text-amber-900',
  pledged: 'bg-sky-100 text-sky-900',
  received: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
  refunded: 'bg-slate-200 text-slate-800',
  voided: 'bg-slate-200 text-slate-800',
}

/** The latest card payments, so processing, failed and refunded ones are seen. */
export function CardContributions({ contributions }: { contributions: CardContributionView[] }) {
  const { t, i18n } = useTranslation()
  const money = (minor: number, currency: string) => formatMoney(i18n.language, minor, currency)
  return (
    <section aria-labelledby="cards-title" className="space-y-3">
      <h2 id="cards-title">{t('fundAdmin.cards.title')}</h2>
      <p className="text-sm text-slate-700">{t('fundAdmin.cards.lead')}</p>
      {contributions.length === 0 ? (
        <p className="card text-slate-700">{t('fundAdmin.cards.empty')}</p>
      ) : (
        <ScrollRegion label={t('fundAdmin.cards.tableLabel')} className="card p-0 sm:p-0">
          <table className="data-table">
            <TableHead columns={[t('fundAdmin.cards.date'), t('fundAdmin.cards.donor'), { label: t('fundAdmin.cards.amount'), numeric: true }, t('fundAdmin.cards.status'), { label: t('fundAdmin.cards.usd'), numeric: true }]} />
            <tbody>
              {contributions.map((c) => (
                <tr key={c.id}>
                  <td className="whitespace-nowrap">
                    <DateTime value={c.createdAt} />
                  </td>
                  <td>
                    {c.donorName}
                    {c.anonymous ? <span className="block text-xs text-slate-600">{t('fundAdmin.pledges.anonymous')}</span> : null}
                  </td>
                  <td className="whitespace-nowrap text-end tabular-nums">{money(c.amount, c.currency)}</td>
                  <td>
                    <span className={`badge ${tones[c.status]}`}>{t(`fundAdmin.cards.statuses.${c.status}`)}</span>
                    {c.failureReason ? <span className="block text-xs text-slate-600">{c.failureReason}</span> : null}
                  </td>
                  <td className="whitespace-nowrap text-end tabular-nums">
                    {c.receivedUsd > 0 ? money(c.receivedUsd, 'USD') : '—'}
                    {c.refundedUsd > 0 ? <span className="block text-xs text-slate-600">{t('fundAdmin.cards.refunded', { amount: money(c.refundedUsd, 'USD') })}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  )
}
