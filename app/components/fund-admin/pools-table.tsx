import { useTranslation } from '~/utils/i18n-react'
import { Money } from '~/components/money'
import { poolName, type PoolView } from './pool-name'
import { TableHead } from '~/components/table-head'

/** Each pool of the fund with its balance: the general fund, objective pools, project pools. */
export function PoolsTable({ pools }: { pools: PoolView[] }) {
  const { t } = useTranslation()
  const total = pools.reduce((sum, p) => sum + p.balance, 0)
  return (
    <section aria-labelledby="pools-title" className="space-y-3">
      <h2 id="pools-title">{t('fundAdmin.pools.title')}</h2>
      <p className="text-sm text-slate-700">{t('fundAdmin.pools.lead')}</p>
      <div className="card p-0 sm:p-0">
        <table className="data-table">
          <TableHead columns={[t('fundAdmin.pools.pool'), { label: t('fundAdmin.pools.balance'), numeric: true }]} />
          <tbody>
            {pools.map((p) => (
              <tr key={p.account}>
                <th scope="row" className="font-normal">
                  {poolName(t, p)}
                  {p.kind !== 'unallocated' ? <span className="badge ms-2 bg-slate-100 text-slate-800">{t('fundAdmin.pools.earmarked')}</span> : null}
                </th>
                <td className="text-end tabular-nums">
                  <Money minor={p.balance} currency="USD" />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('fundAdmin.pools.total')}</th>
              <td className="text-end font-semibold tabular-nums">
                <Money minor={total} currency="USD" />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  )
}
