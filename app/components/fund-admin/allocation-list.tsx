import type { SubmissionResult } from '@conform-to/react'
import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { AllocationStatus } from '#db/schema/fund'
import { useFormatDate } from '~/components/date-time'
import { formatMoney } from '~/components/money'
import { poolName, type PoolView } from './pool-name'
import { ReverseForm } from './reverse-form'
import { urls } from '~/utils/urls'

export interface AllocationView {
  id: string
  projectId: string
  projectTitle: string
  pool: string
  poolInfo: PoolView | null
  amountUsd: number
  status: AllocationStatus
  note: string | null
  reverseReason: string | null
  createdAt: string | Date
  disbursedUsd: number
  undisbursedUsd: number
  tranches: { id: string; milestoneTitle: string; dueDate: string | Date; amountUsd: number; disbursedAt: string | Date | null; reference: string | null }[]
}

const tones: Record<AllocationStatus, string> = {
  approved: 'bg-sky-100 text-sky-900',
  disbursing: 'bg-amber-100 text-amber-900',
  closed: 'bg-emerald-100 text-emerald-900',
  reversed: 'bg-slate-200 text-slate-800',
}

/** Every allocation with its tranches; approved and disbursing ones can be reversed. */
export function AllocationList({ allocations, lastResult, target }: { allocations: AllocationView[]; lastResult?: SubmissionResult<string[]>; target: string | null }) {
  const { t, i18n } = useTranslation()
  const formatDate = useFormatDate()
  const usd = (minor: number) => formatMoney(i18n.language, minor, 'USD')
  return (
    <section aria-labelledby="allocations-title" className="space-y-3">
      <h2 id="allocations-title">{t('fundAdmin.allocations.title')}</h2>
      {allocations.length === 0 ? <p className="card text-slate-700">{t('fundAdmin.allocations.empty')}</p> : null}
      <ul className="space-y-4">
        {allocations.map((a) => (
          <li key={a.id} className="card space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-base font-semibold">
                <Link to={urls.project(a.projectId)}>{a.projectTitle}</Link>
              </h3>
              <p className="text-sm">
                <span className="font-semibold tabular-nums">{usd(a.amountUsd)}</span> <span className={`badge ms-1 ${tones[a.status]}`}>{t(`fundAdmin.allocations.statuses.${a.status}`)}</span>
              </p>
            </div>
            <p className="text-sm text-slate-700">
              {t('fundAdmin.allocations.pool', { pool: a.poolInfo ? poolName(t, a.poolInfo) : a.pool })} · {t('fundAdmin.allocations.approvedOn', { date: formatDate(a.createdAt) })} ·{' '}
              {t('fundAdmin.allocations.summary', { disbursed: usd(a.disbursedUsd), undisbursed: usd(a.status === 'reversed' ? 0 : a.undisbursedUsd) })}
            </p>
            {a.note ? <p className="whitespace-pre-line text-sm text-slate-800">{a.note}</p> : null}
            {a.reverseReason ? <p className="text-sm text-slate-800">{t('fundAdmin.allocations.reversedBecause', { reason: a.reverseReason })}</p> : null}
            {a.tranches.length === 0 ? (
              <p className="text-sm text-slate-600">{t('fundAdmin.allocations.noTranches')}</p>
            ) : (
              <div>
                <h4 className="text-sm font-semibold">{t('fundAdmin.allocations.tranches')}</h4>
                <ul className="mt-1 divide-y divide-slate-100 text-sm">
                  {a.tranches.map((tr) => (
                    <li key={tr.id} className="grid gap-x-4 py-2 sm:grid-cols-[1fr_8rem_16rem]">
                      <span>{tr.milestoneTitle}</span>
                      <span className="tabular-nums sm:text-end">{usd(tr.amountUsd)}</span>
                      <span className="text-slate-700">
                        {tr.disbursedAt ? t('fundAdmin.allocations.disbursed', { date: formatDate(tr.disbursedAt), reference: tr.reference ?? '' }) : t(a.status === 'reversed' ? 'fundAdmin.allocations.cancelled' : 'fundAdmin.allocations.undisbursed')}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {a.status === 'approved' || a.status === 'disbursing' ? <ReverseForm allocationId={a.id} remainder={usd(a.undisbursedUsd)} lastResult={target === a.id ? lastResult : undefined} /> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
