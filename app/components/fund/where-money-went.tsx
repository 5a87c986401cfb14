import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { useFormatDate } from '~/components/date-time'
import { formatMoney } from '~/components/money'
import type { EarmarkTargetView } from './earmark-text'
import { TableScroller } from './table-scroller'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

export interface PoolAllocationView {
  id: string
  projectId: string
  title: string | null
  published: boolean
  amountUsd: number
  disbursed: number
  status: 'approved' | 'disbursing' | 'closed' | 'reversed'
  createdAt: string | Date
}

/**
 * The pool a contribution went into and the allocations made from it. Money in a pool is shared, so this says so
 * plainly instead of pretending a contribution paid for one project.
 */
export function WhereMoneyWent({ target, arrived, poolBalance, allocations }: { target: EarmarkTargetView; arrived: boolean; poolBalance: number; allocations: PoolAllocationView[] }) {
  const { t, i18n } = useTranslation()
  const formatDate = useFormatDate()
  const usd = (minor: number) => formatMoney(i18n.language, minor, 'USD')
  const unpublished = t('fundPages.earmark.unpublishedProject')
  const pool =
    target.kind === 'objective'
      ? t('fundPages.contribution.poolobjective', { number: target.objective, title: target.title })
      : target.kind === 'project'
        ? t('fundPages.contribution.poolproject', { title: target.title ?? unpublished })
        : t('fundPages.contribution.poolfund')
  return (
    <section aria-labelledby="where" className="space-y-3">
      <h2 id="where">{t('fundPages.contribution.where')}</h2>
      {!arrived ? (
        <p className="text-slate-700">{t('fundPages.contribution.nothingArrived')}</p>
      ) : (
        <div className="card space-y-4">
          <p>{pool}</p>
          <p className="text-slate-700">{t('fundPages.contribution.shared')}</p>
          <p className="text-sm text-slate-700">{t('fundPages.contribution.poolBalance', { amount: usd(poolBalance) })}</p>
          {allocations.length ? (
            <TableScroller label={t('fundPages.contribution.allocationsCaption')}>
              <table className="data-table">
                <caption className="mb-2 text-start text-sm font-semibold text-slate-800">{t('fundPages.contribution.allocationsCaption')}</caption>
                <TableHead columns={[t('fundPages.contribution.project'), t('fundPages.contribution.allocatedOn'), { label: t('fundPages.contribution.allocated'), numeric: true }, { label: t('fundPages.contribution.disbursed'), numeric: true }, t('fundPages.contribution.allocationStatus')]} />
                <tbody>
                  {allocations.map((a) => (
                    <tr key={a.id}>
                      <th scope="row" className="font-normal">
                        {a.published && a.title ? <Link to={urls.project(a.projectId)}>{a.title}</Link> : (a.title ?? unpublished)}
                      </th>
                      <td className="whitespace-nowrap">{formatDate(a.createdAt)}</td>
                      <td className="whitespace-nowrap text-end tabular-nums">{usd(a.amountUsd)}</td>
                      <td className="whitespace-nowrap text-end tabular-nums">{usd(a.disbursed)}</td>
                      <td>{t(`fundPages.contribution.allocationStatuses.${a.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          ) : (
            <p className="text-slate-700">{t('fundPages.contribution.noAllocations')}</p>
          )}
        </div>
      )}
    </section>
  )
}
