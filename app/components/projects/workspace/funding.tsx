import { useTranslation } from '~/utils/i18n-react'
import { useFormatDate } from '~/components/date-time'
import { Money } from '~/components/money'
import type { ProjectWorkspace } from '~/domain/projects/workspace.server'
import { TableScroll } from './table-scroll'
import { TableHead } from '~/components/table-head'

/** What the start-up fund committed to the project, and each tranche with the milestone it pays for. */
export function FundingSection({ funding }: { funding: ProjectWorkspace['funding'] }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  return (
    <section id="funding" aria-labelledby="funding-title" className="card space-y-4">
      <h2 id="funding-title">{t('workspace.funding.title')}</h2>
      {funding.length === 0 ? (
        <p className="text-sm text-slate-600">{t('workspace.funding.none')}</p>
      ) : (
        funding.map((allocation, i) => (
          <TableScroll key={allocation.id} captionId={`allocation-${i}`}>
            <table className="data-table">
              <caption id={`allocation-${i}`} className="mb-2 text-start text-sm font-semibold text-slate-900">
                {t('workspace.funding.allocation', { date: formatDate(allocation.createdAt) })} · <Money minor={allocation.amountUsd} currency="USD" /> ·{' '}
                {t(`workspace.funding.statuses.${allocation.status}`)}
              </caption>
              <TableHead columns={[t('workspace.funding.milestone'), { label: t('workspace.funding.tranche'), numeric: true }, t('workspace.funding.disbursed')]} />
              <tbody>
                {allocation.tranches.length === 0 ? (
                  <tr>
                    <td colSpan={3} className="text-slate-600">
                      {t('workspace.funding.noTranches')}
                    </td>
                  </tr>
                ) : (
                  allocation.tranches.map((tranche) => (
                    <tr key={tranche.id}>
                      <td>{tranche.milestone}</td>
                      <td className="text-end tabular-nums">
                        <Money minor={tranche.amountUsd} currency="USD" />
                      </td>
                      <td>{tranche.disbursedAt ? t('workspace.funding.disbursedOn', { date: formatDate(tranche.disbursedAt), reference: tranche.reference ?? '' }) : t('workspace.funding.onApproval')}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </TableScroll>
        ))
      )}
    </section>
  )
}
