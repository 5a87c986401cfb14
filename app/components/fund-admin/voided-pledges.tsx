import { useTranslation } from '~/utils/i18n-react'
import { useFormatDate } from '~/components/date-time'
import { formatMoney } from '~/components/money'

export interface VoidedPledgeView {
  id: string
  donorName: string
  amount: number
  currency: string
  voidedAt: string | Date | null
  voidReason: string | null
  voidedBy: string | null
}

/** Pledges the secretariat voided: kept in view with who voided them, when and why; they count in no figure. */
export function VoidedPledges({ pledges }: { pledges: VoidedPledgeView[] }) {
  const { t, i18n } = useTranslation()
  const formatDate = useFormatDate()
  if (pledges.length === 0) return null
  return (
    <section aria-labelledby="voided-title" className="space-y-3">
      <h2 id="voided-title">{t('fundAdmin.voided.title')}</h2>
      <p className="text-slate-700">{t('fundAdmin.voided.lead')}</p>
      <ul className="space-y-3">
        {pledges.map((p) => (
          <li key={p.id} className="card space-y-1">
            <p className="font-semibold">
              {p.donorName}: {formatMoney(i18n.language, p.amount, p.currency)} <span className="badge bg-slate-200 text-slate-800">{t('fundAdmin.voided.badge')}</span>
            </p>
            <p className="text-sm text-slate-700">{t('fundAdmin.voided.by', { date: p.voidedAt ? formatDate(p.voidedAt) : '', name: p.voidedBy ?? t('fundAdmin.voided.unknownPerson') })}</p>
            <p className="whitespace-pre-line text-sm">{t('fundAdmin.voided.reason', { reason: p.voidReason ?? '' })}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
