import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from '~/components/date-time'
import { formatMoney } from '~/components/money'
import { dynamicKey } from '~/utils/i18n'

export interface AlertsView {
  shortfallUsd: number
  mismatches: { id: string; type: string; receivedAt: string | Date }[]
  ledger: { transactions: number; entries: number; problems: { kind: string; detail: string }[] }
}

const alertBox = 'rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900'

/** What needs the secretariat's attention first: a refund shortfall, mismatched card payments, the ledger check. */
export function FundAlerts({ alerts }: { alerts: AlertsView }) {
  const { t, i18n } = useTranslation()
  const { ledger } = alerts
  return (
    <section aria-labelledby="alerts-title" className="space-y-3">
      <h2 id="alerts-title">{t('fundAdmin.alerts.title')}</h2>
      {alerts.shortfallUsd > 0 ? <p className={alertBox}>{t('fundAdmin.alerts.shortfall', { amount: formatMoney(i18n.language, alerts.shortfallUsd, 'USD') })}</p> : null}
      {alerts.mismatches.length > 0 ? (
        <div className={`${alertBox} space-y-2`}>
          <h3 className="font-semibold">{t('fundAdmin.alerts.mismatchTitle')}</h3>
          <p>{t('fundAdmin.alerts.mismatchLead')}</p>
          <ul className="space-y-1">
            {alerts.mismatches.map((m) => (
              <li key={m.id}>
                <span className="font-mono text-xs break-all">{m.id}</span> · {m.type} · <DateTime value={m.receivedAt} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {ledger.problems.length === 0 ? (
        <p className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t('fundAdmin.alerts.ledgerPassed', { transactions: ledger.transactions, entries: ledger.entries })}
        </p>
      ) : (
        <div className={alertBox}>
          <p>{t('fundAdmin.alerts.ledgerFailed', { count: ledger.problems.length })}</p>
          <ul className="mt-1 list-disc ps-5">
            {ledger.problems.map((p) => (
              <li key={`${p.kind}-${p.detail}`}>
                {t(dynamicKey(`fundAdmin.alerts.problems.${p.kind}`))} (<span className="font-mono text-xs">{p.detail}</span>)
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
