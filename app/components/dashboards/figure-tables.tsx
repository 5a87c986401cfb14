import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { TableScroller } from '~/components/fund/table-scroller'
import { formatMoney } from '~/components/money'
import type { CountryRow, Figures, ObjectiveRow, RegionRow } from '~/domain/dashboards/dashboards.server'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

/** The tables of the dashboards: one row per objective, country or region, every figure, and the gap in words. */

export function useFormats() {
  const { i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language)
  return {
    count: (n: number) => number.format(n),
    usd: (minor: number) => formatMoney(i18n.language, minor, 'USD'),
    amounts: (list: Figures['financing']) => list.map((a) => formatMoney(i18n.language, a.minor, a.currency)),
  }
}

export function GapText({ row }: { row: Pick<Figures, 'gap' | 'requestsPerOffer'> }) {
  const { t, i18n } = useTranslation()
  const ratio = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(row.requestsPerOffer ?? 0)
  const text = t(`dashboards.gap.${row.gap}`, { ratio })
  if (row.gap === 'no_offer') return <strong className="font-semibold text-red-800">{text}</strong>
  if (row.gap === 'more_requests') return <span className="font-medium text-amber-900">{text}</span>
  return <span className="text-slate-700">{text}</span>
}

const columns = ['openRequests', 'expertiseOffers', 'financingOffers', 'financing', 'projectsUnderWay', 'projectsCompleted', 'allocated'] as const

function FigureHeaders({ first }: { first: string }) {
  const { t } = useTranslation()
  const column = (c: (typeof columns)[number]) => (
    <th key={c} scope="col" className="text-end">
      {t(`dashboards.columns.${c}`)}
    </th>
  )
  // The gap comes right after the two numbers it compares, so it is in view before the table scrolls.
  return (
    <TableHead columns={[first]}>
      {columns.slice(0, 2).map(column)}
      <th scope="col">{t('dashboards.columns.gap')}</th>
      {columns.slice(2).map(column)}
    </TableHead>
  )
}

function FigureCells({ row }: { row: Figures }) {
  const { t } = useTranslation()
  const f = useFormats()
  const amounts = f.amounts(row.financing)
  const num = (n: number) => <td className="text-end tabular-nums">{f.count(n)}</td>
  return (
    <>
      {num(row.openRequests)}
      {num(row.expertiseOffers)}
      <td className="min-w-36">
        <GapText row={row} />
      </td>
      {num(row.financingOffers)}
      <td className="whitespace-nowrap text-end tabular-nums">
        {amounts.length ? amounts.map((a) => <div key={a}>{a}</div>) : <span className="text-slate-600">{t('dashboards.none')}</span>}
      </td>
      {num(row.projectsUnderWay)}
      {num(row.projectsCompleted)}
      <td className="whitespace-nowrap text-end tabular-nums">{f.usd(row.allocatedUsd)}</td>
    </>
  )
}

function FigureTable({ caption, first, children }: { caption: string; first: string; children: ReactNode }) {
  return (
    <TableScroller label={caption}>
      <table className="data-table">
        <caption className="mb-2 text-start text-sm font-semibold text-slate-800">{caption}</caption>
        <FigureHeaders first={first} />
        <tbody>{children}</tbody>
      </table>
    </TableScroller>
  )
}

export function ObjectiveTable({ rows }: { rows: ObjectiveRow[] }) {
  const { t } = useTranslation()
  return (
    <FigureTable caption={t('dashboards.objective.tableCaption')} first={t('dashboards.columns.objective')}>
      {rows.map((row) => (
        <tr key={row.objective}>
          <th scope="row" className="min-w-48">
            <Link to={urls.objective(row.objective)} className="font-normal">
              {t('dashboards.objective.label', { number: row.objective, title: row.shortTitle })}
            </Link>
          </th>
          <FigureCells row={row} />
        </tr>
      ))}
    </FigureTable>
  )
}

export function CountryTable({ rows, caption }: { rows: Omit<CountryRow, 'regions'>[]; caption: string }) {
  const { t } = useTranslation()
  return (
    <FigureTable caption={caption} first={t('dashboards.columns.country')}>
      {rows.map((row) => (
        <tr key={row.country}>
          <th scope="row" className="min-w-40">
            <span className="font-normal">
              {row.openRequests > 0 ? <Link to={urls.requests({ country: row.country, status: 'published' })}>{row.name}</Link> : row.name}
            </span>
          </th>
          <FigureCells row={row} />
        </tr>
      ))}
    </FigureTable>
  )
}

/** Regions in M49's order, sub-regions indented under their region; each links to its countries. */
export function RegionTable({ rows, hrefFor }: { rows: RegionRow[]; hrefFor: (region: string) => string }) {
  const { t } = useTranslation()
  // Inside the cell: the table's own padding rules would win over a class on the cell.
  const indent = { 1: 'font-semibold', 2: 'block ps-4 font-normal', 3: 'block ps-8 font-normal' } as const
  return (
    <FigureTable caption={t('dashboards.geography.regionsCaption')} first={t('dashboards.columns.region')}>
      {rows.map((row) => (
        <tr key={row.region}>
          <th scope="row" className="min-w-48">
            <span className={indent[row.level]}>
              <Link to={hrefFor(row.region)} aria-label={t('dashboards.geography.showCountries', { region: row.name })}>
                {row.name}
              </Link>
            </span>
          </th>
          <FigureCells row={row} />
        </tr>
      ))}
    </FigureTable>
  )
}
