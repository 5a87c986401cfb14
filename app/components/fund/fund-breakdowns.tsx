import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { formatMoney } from '~/components/money'
import { chartSummary, type BarSeries } from './bar-chart'
import { BreakdownFigure, type BreakdownRow } from './breakdown-figure'
import { urls } from '~/utils/urls'

/** Bar colours: dark enough for white text inside the bar and distinct from each other (values also name their series). */
export const seriesColors = { primary: '#075985', secondary: '#166534' } as const

interface Amounts {
  allocated: number
  disbursed: number
}
export interface FundBreakdownsData {
  donors: { name: string | null; anonymous: boolean; usd: number; contributions: number }[]
  projects: ({ id: string; title: string | null; published: boolean } & Amounts)[]
  objectives: ({ number: number | null; shortTitle: string | null } & Amounts)[]
  countries: ({ code: string | null; name: string | null } & Amounts)[]
}

function useMoneyParts() {
  const { t, i18n } = useTranslation()
  const usd = (minor: number) => formatMoney(i18n.language, minor, 'USD')
  const words = {
    pair: (label: string, value: string) => t('fundPages.money.pair', { label, value }),
    more: (count: number) => t('fundPages.money.more', { count }),
    separator: t('fundPages.money.separator'),
  }
  const twoSeries: BarSeries[] = [
    { name: t('fundPages.money.series.allocated'), color: seriesColors.primary },
    { name: t('fundPages.money.series.disbursed'), color: seriesColors.secondary },
  ]
  return { t, usd, words, twoSeries }
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  )
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="card text-slate-700">{children}</p>
}

export function DonorBreakdown({ donors }: Pick<FundBreakdownsData, 'donors'>) {
  const { t, usd, words } = useMoneyParts()
  const title = t('fundPages.overview.byDonor')
  const series: BarSeries[] = [{ name: t('fundPages.money.series.received'), color: seriesColors.primary }]
  const rows: BreakdownRow[] = donors.map((d, i) => ({
    key: `${i}-${d.name ?? 'anonymous'}`,
    label: d.anonymous || !d.name ? t('fundPages.overview.anonymousDonor') : d.name,
    values: [d.usd],
    extra: [d.contributions],
  }))
  return (
    <Section id="by-donor" title={title}>
      {rows.length ? (
        <BreakdownFigure
          caption={t('fundPages.overview.byDonorCaption')}
          tableCaption={t('fundPages.overview.byDonorTable')}
          labelHeader={t('fundPages.overview.donor')}
          extraHeaders={[t('fundPages.overview.contributions')]}
          series={series}
          rows={rows}
          format={usd}
          summary={chartSummary({ title, rows, series, format: usd, ...words })}
          totalLabel={t('fundPages.money.total')}
        />
      ) : (
        <Empty>{t('fundPages.overview.noDonors')}</Empty>
      )}
    </Section>
  )
}

/** Allocated and disbursed money by project, objective or country: the same figure with different rows. */
function AllocationBreakdown({ id, title, caption, tableCaption, labelHeader, rows }: { id: string; title: string; caption: string; tableCaption: string; labelHeader: string; rows: BreakdownRow[] }) {
  const { t, usd, words, twoSeries } = useMoneyParts()
  return (
    <Section id={id} title={title}>
      {rows.length ? (
        <BreakdownFigure
          caption={caption}
          tableCaption={tableCaption}
          labelHeader={labelHeader}
          series={twoSeries}
          rows={rows}
          format={usd}
          summary={chartSummary({ title, rows, series: twoSeries, format: usd, ...words })}
          totalLabel={t('fundPages.money.total')}
        />
      ) : (
        <Empty>{t('fundPages.overview.noAllocations')}</Empty>
      )}
    </Section>
  )
}

export function AllocationBreakdowns({ projects, objectives, countries }: Omit<FundBreakdownsData, 'donors'>) {
  const { t } = useTranslation()
  const projectRows: BreakdownRow[] = projects.map((p) => {
    const label = p.published && p.title ? p.title : t('fundPages.overview.unpublishedProject')
    return { key: p.id, label, cell: p.published ? <Link to={urls.project(p.id)}>{label}</Link> : label, values: [p.allocated, p.disbursed] }
  })
  const objectiveRows: BreakdownRow[] = objectives.map((o) => {
    const label = o.number === null ? t('fundPages.overview.noObjective') : t('fundPages.overview.objectiveLabel', { number: o.number, title: o.shortTitle ?? '' })
    return { key: String(o.number ?? 'none'), label, cell: o.number === null ? label : <Link to={urls.objective(o.number)}>{label}</Link>, values: [o.allocated, o.disbursed] }
  })
  const countryRows: BreakdownRow[] = countries.map((c) => ({
    key: c.code ?? 'none',
    label: c.name ?? t('fundPages.overview.noCountry'),
    values: [c.allocated, c.disbursed],
  }))
  return (
    <>
      <AllocationBreakdown
        id="by-project"
        title={t('fundPages.overview.byProject')}
        caption={t('fundPages.overview.byProjectCaption')}
        tableCaption={t('fundPages.overview.byProjectTable')}
        labelHeader={t('fundPages.overview.project')}
        rows={projectRows}
      />
      <AllocationBreakdown
        id="by-objective"
        title={t('fundPages.overview.byObjective')}
        caption={t('fundPages.overview.byObjectiveCaption')}
        tableCaption={t('fundPages.overview.byObjectiveTable')}
        labelHeader={t('fundPages.overview.objective')}
        rows={objectiveRows}
      />
      <AllocationBreakdown
        id="by-country"
        title={t('fundPages.overview.byCountry')}
        caption={t('fundPages.overview.byCountryCaption')}
        tableCaption={t('fundPages.overview.byCountryTable')}
        labelHeader={t('fundPages.overview.country')}
        rows={countryRows}
      />
    </>
  )
}
