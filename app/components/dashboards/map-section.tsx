import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { TableScroller } from '~/components/fund/table-scroller'
import type { MapLayer, MapSort } from '~/domain/dashboards/schemas'
import { useFormats } from './figure-tables'
import { FoldedTable } from './folded-table'
import type { MapCount } from './world-map'

/**
 * The map and its table. Switching layer and sorting the table are plain links (GET), so both work without
 * JavaScript; the current choice is marked with aria-current / aria-sort, not only with a style.
 */
export function MapSection({
  layer,
  sort,
  counts,
  mapMarkup,
  hrefFor,
}: {
  layer: MapLayer
  sort: MapSort
  counts: MapCount[]
  /** The map itself, drawn on the server (world-map.server.tsx). */
  mapMarkup: string
  hrefFor: (change: { map?: MapLayer; sort?: MapSort }, hash: string) => string
}) {
  const { t } = useTranslation()
  const f = useFormats()
  const layerName = t(`dashboards.map.${layer}`)
  const caption = t('dashboards.map.tableCaption', { layer: layerName })
  const header = (column: MapSort, label: string) => (
    <th scope="col" aria-sort={sort === column ? (column === 'count' ? 'descending' : 'ascending') : undefined} className={column === 'count' ? 'text-end' : undefined}>
      {sort === column ? (
        <span>
          {label} <span aria-hidden="true">{column === 'count' ? '↓' : '↑'}</span>
        </span>
      ) : (
        <Link to={hrefFor({ sort: column }, 'map-table')} aria-label={t('dashboards.map.sortBy', { column: label })} preventScrollReset>
          {label}
        </Link>
      )}
    </th>
  )
  return (
    <div className="space-y-4">
      <nav aria-label={t('dashboards.map.switchLabel')}>
        <ul className="flex flex-wrap gap-2">
          {(['requests', 'projects'] as const).map((option) => (
            <li key={option}>
              <Link
                to={hrefFor({ map: option }, 'map')}
                aria-current={option === layer ? 'true' : undefined}
                className={option === layer ? 'btn-primary' : 'btn-secondary'}
                preventScrollReset
              >
                {t(`dashboards.map.${option}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <figure className="card space-y-3">
        <figcaption className="space-y-1 text-sm text-slate-700">
          <span className="block font-semibold text-slate-900">{layerName}</span>
          <span className="block">{t(layer === 'requests' ? 'dashboards.map.requestsNote' : 'dashboards.map.projectsNote')}</span>
        </figcaption>
        <div dangerouslySetInnerHTML={{ __html: mapMarkup }} />
        <p className="text-sm text-slate-700">{t('dashboards.map.smallNote')}</p>
      </figure>
      {counts.length ? (
        <FoldedTable summary={t('dashboards.map.tableShow')} open={sort !== 'count'}>
          <TableScroller label={caption} className="max-w-xl">
            <table className="data-table" id="map-table">
              <caption className="mb-2 text-start text-sm font-semibold text-slate-800">{caption}</caption>
              <thead>
                <tr>
                  {header('name', t('dashboards.columns.country'))}
                  {header('count', t('dashboards.map.count'))}
                </tr>
              </thead>
              <tbody>
                {counts.map((c) => (
                  <tr key={c.country}>
                    <th scope="row">
                      <span className="font-normal">{c.name}</span>
                    </th>
                    <td className="text-end tabular-nums">{f.count(c.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        </FoldedTable>
      ) : (
        <p className="card text-slate-700">{t('dashboards.map.empty')}</p>
      )}
    </div>
  )
}
