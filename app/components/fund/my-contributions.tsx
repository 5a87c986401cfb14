import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { ContributionStatus } from '#db/schema/fund'
import { useFormatDate } from '~/components/date-time'
import { ContributionStatusBadge, contributionStatusWord } from './contribution-status'
import { EarmarkText, type EarmarkTargetView } from './earmark-text'
import { formatExactMoney } from './exact-money'
import { TableScroller } from './table-scroller'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

export interface MyContributionView {
  id: string
  createdAt: string | Date
  amount: number
  currency: string
  method: 'card' | 'pledge'
  status: ContributionStatus
  receivedAmount: number
  refundedAmount: number
  /** Net of refunds, USD minor units. */
  receivedUsd: number
  earmark: EarmarkTargetView
  receipts: number
}

/** The donor's contributions: a table on wider screens, a list of cards on a phone (six columns do not fit). */
export function MyContributions({ contributions }: { contributions: MyContributionView[] }) {
  const { t, i18n } = useTranslation()
  const formatDate = useFormatDate()
  const money = (minor: number, currency: string) => formatExactMoney(i18n.language, minor, currency)
  return (
    <>
      <ul className="space-y-3 sm:hidden" aria-label={t('fundPages.mine.caption')}>
        {contributions.map((c) => (
          <li key={c.id} className="card space-y-2">
            <p className="flex flex-wrap items-center justify-between gap-2">
              <Link to={urls.fundContribution(c.id)} className="text-lg font-semibold">
                {money(c.amount, c.currency)}
              </Link>
              <ContributionStatusBadge word={contributionStatusWord(c)} />
            </p>
            <p className="text-sm text-slate-700">
              {t(`fundPages.contribution.methods.${c.method}`)} · {formatDate(c.createdAt)}
            </p>
            <p className="text-sm">
              <span className="font-medium text-slate-700">{t('fundPages.mine.earmark')}</span> <EarmarkText target={c.earmark} />
            </p>
            <p className="text-sm">
              <span className="font-medium text-slate-700">{t('fundPages.mine.receivedUsd')}</span> {money(c.receivedUsd, 'USD')}
              {c.method === 'pledge' ? ` · ${t('fundPages.mine.receiptsCount', { count: c.receipts })}` : ''}
            </p>
          </li>
        ))}
      </ul>
      <TableScroller label={t('fundPages.mine.caption')} className="card hidden sm:block">
        <table className="data-table">
          <caption className="mb-2 text-start text-sm font-semibold text-slate-800">{t('fundPages.mine.caption')}</caption>
          <TableHead columns={[t('fundPages.mine.amount'), t('fundPages.mine.date'), t('fundPages.mine.earmark'), t('fundPages.mine.status'), { label: t('fundPages.mine.receivedUsd'), numeric: true }, { label: t('fundPages.mine.receipts'), numeric: true }]} />
          <tbody>
            {contributions.map((c) => (
              <tr key={c.id}>
                <th scope="row" className="whitespace-nowrap font-medium">
                  <Link to={urls.fundContribution(c.id)}>{money(c.amount, c.currency)}</Link>
                  <span className="block text-xs font-normal text-slate-600">{t(`fundPages.contribution.methods.${c.method}`)}</span>
                </th>
                <td className="whitespace-nowrap">{formatDate(c.createdAt)}</td>
                <td>
                  <EarmarkText target={c.earmark} />
                </td>
                <td>
                  <ContributionStatusBadge word={contributionStatusWord(c)} />
                </td>
                <td className="whitespace-nowrap text-end tabular-nums">{money(c.receivedUsd, 'USD')}</td>
                <td className="text-end tabular-nums">{c.method === 'pledge' ? c.receipts : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
    </>
  )
}
