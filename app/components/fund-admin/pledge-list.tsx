import type { SubmissionResult } from '@conform-to/react'
import { useTranslation } from '~/utils/i18n-react'
import { useFormatDate } from '~/components/date-time'
import { Facts } from '~/components/facts'
import { formatMoney } from '~/components/money'
import { ReceiptForm } from './receipt-form'
import { VoidPledgeForm } from './void-pledge-form'

export interface PledgeView {
  id: string
  donorName: string
  anonymous: boolean
  amount: number
  currency: string
  receivedAmount: number
  receivedUsd: number
  dueDate: string | Date | null
  earmark: 'fund' | 'objective' | 'project'
  earmarkObjective: number | null
  earmarkProjectTitle: string | null
  note: string | null
  receipts: { receivedOn: string | Date; amount: number; usdAmount: number; reference: string }[]
}

/** Pledges whose money has not all arrived, each with the form to record a transfer against it (and, before any has, to void it). */
export function PledgeList({ pledges, lastResult, target }: { pledges: PledgeView[]; lastResult?: SubmissionResult<string[]>; target: { intent: 'receipt' | 'void'; id: string } | null }) {
  const { t, i18n } = useTranslation()
  const formatDate = useFormatDate()
  const money = (minor: number, currency: string) => formatMoney(i18n.language, minor, currency)
  const earmark = (p: PledgeView) =>
    p.earmark === 'objective'
      ? t('fundAdmin.pledges.earmarks.objective', { number: p.earmarkObjective })
      : p.earmark === 'project'
        ? (p.earmarkProjectTitle ?? t('fundAdmin.pledges.earmarks.project'))
        : t('fundAdmin.pledges.earmarks.fund')
  return (
    <section aria-labelledby="pledges-title" className="space-y-3">
      <h2 id="pledges-title">{t('fundAdmin.pledges.title')}</h2>
      {pledges.length === 0 ? <p className="card text-slate-700">{t('fundAdmin.pledges.empty')}</p> : null}
      <ul className="space-y-4">
        {pledges.map((p) => (
          <li key={p.id} className="card space-y-3">
            <h3 className="text-base font-semibold">
              {p.donorName}
              {p.anonymous ? <span className="ms-2 text-sm font-normal text-slate-600">({t('fundAdmin.pledges.anonymous')})</span> : null}
            </h3>
            <Facts
              items={[
                { label: t('fundAdmin.pledges.pledged'), value: money(p.amount, p.currency) },
                { label: t('fundAdmin.pledges.received'), value: t('fundAdmin.pledges.receivedUsd', { amount: money(p.receivedAmount, p.currency), usd: money(p.receivedUsd, 'USD') }) },
                { label: t('fundAdmin.pledges.expected'), value: p.dueDate ? formatDate(p.dueDate) : t('fundAdmin.pledges.notDated') },
                { label: t('fundAdmin.pledges.earmark'), value: earmark(p) },
                { label: t('fundAdmin.pledges.note'), value: p.note ? <span className="whitespace-pre-line">{p.note}</span> : null },
                {
                  label: t('fundAdmin.pledges.receipts'),
                  value: p.receipts.length ? (
                    <ul>
                      {p.receipts.map((r) => (
                        <li key={`${r.reference}-${r.receivedOn}-${r.amount}`}>
                          {t('fundAdmin.pledges.receipt', { date: formatDate(r.receivedOn), amount: money(r.amount, p.currency), usd: money(r.usdAmount, 'USD'), reference: r.reference })}
                        </li>
                      ))}
                    </ul>
                  ) : null,
                },
              ]}
            />
            <ReceiptForm key={`${p.id}-${p.receipts.length}`} pledgeId={p.id} currency={p.currency} outstanding={money(p.amount - p.receivedAmount, p.currency)} lastResult={target?.intent === 'receipt' && target.id === p.id ? lastResult : undefined} />
            {p.receivedAmount === 0 ? (
              <VoidPledgeForm pledgeId={p.id} lastResult={target?.intent === 'void' && target.id === p.id ? lastResult : undefined} />
            ) : (
              <p className="border-t border-slate-100 pt-3 text-sm text-slate-600">{t('fundAdmin.pledges.void.notAfterReceipt')}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
