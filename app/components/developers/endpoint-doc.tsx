import { useTranslation } from '~/utils/i18n-react'
import { TableScroller } from '~/components/fund/table-scroller'
import type { GuideEndpoint } from '~/domain/open-data/guide'
import { WithCode } from './inline-code'
import { TypeLabel, Values } from './type-label'

/** One endpoint: what it answers, its parameters, an example to copy and the other answers it may give. */
export function EndpointDoc({ endpoint }: { endpoint: GuideEndpoint }) {
  const { t } = useTranslation()
  const headingId = `endpoint-${endpoint.id}`
  return (
    <article aria-labelledby={headingId} className="card space-y-4">
      <header className="space-y-1">
        <h4 id={headingId} className="text-base font-semibold">
          <code className="me-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs font-bold text-white">GET</code>
          <code className="break-all text-slate-900">{endpoint.path}</code>
        </h4>
        <p className="font-medium text-slate-800">{endpoint.summary}</p>
        <p className="text-slate-700">
          <WithCode text={endpoint.description} />
        </p>
      </header>

      <div className="space-y-2">
        <p className="text-sm font-semibold text-slate-800">{t('developers.table.parameters')}</p>
        {endpoint.parameters.length ? (
          <TableScroller label={`${t('developers.table.parameters')}: ${endpoint.path}`}>
            <table className="data-table min-w-[36rem]">
              <thead>
                <tr>
                  <th scope="col">{t('developers.table.name')}</th>
                  <th scope="col">{t('developers.table.where')}</th>
                  <th scope="col">{t('developers.table.type')}</th>
                  <th scope="col">{t('developers.table.description')}</th>
                </tr>
              </thead>
              <tbody>
                {endpoint.parameters.map((p) => (
                  <tr key={p.name}>
                    <th scope="row" className="align-top font-normal">
                      <code className="text-slate-900">{p.name}</code>
                      {p.required ? <span className="block text-xs text-slate-600">{t('developers.table.required')}</span> : null}
                    </th>
                    <td>{t(`developers.table.${p.where}`)}</td>
                    <td>
                      <TypeLabel info={p} repeatable />
                    </td>
                    <td>
                      {p.description}
                      <Values values={p.values} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        ) : (
          <p className="text-sm text-slate-700">{t('developers.table.noParameters')}</p>
        )}
      </div>

      <div className="space-y-2">
        <p className="text-sm font-semibold text-slate-800">{t('developers.table.returns')}</p>
        <p className="text-sm text-slate-700">
          {endpoint.returns} <code className="text-slate-900">{endpoint.mediaType}</code>
          {endpoint.model ? (
            <>
              {' — '}
              <a href={`#model-${endpoint.model}`}>{t('developers.table.model', { name: endpoint.model })}</a>
            </>
          ) : null}
        </p>
        {endpoint.columns ? <Columns endpoint={endpoint} /> : null}
      </div>

      <div className="space-y-2">
        <p className="text-sm font-semibold text-slate-800">{t('developers.table.example')}</p>
        <pre tabIndex={0} aria-label={`${t('developers.table.example')}: ${endpoint.path}`} className="overflow-x-auto rounded-md bg-slate-900 p-3 text-sm text-white">
          <code>{endpoint.example}</code>
        </pre>
      </div>

      <p className="text-sm text-slate-700">
        {t('developers.table.errors')}: {endpoint.errors.join(', ')}
      </p>
    </article>
  )
}

function Columns({ endpoint }: { endpoint: GuideEndpoint }) {
  const { t } = useTranslation()
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-brand-700">
        {t('developers.table.columns')} ({endpoint.columns?.length})
      </summary>
      <TableScroller label={`${t('developers.table.columns')}: ${endpoint.path}`} className="mt-2">
        <table className="data-table min-w-[36rem]">
          <thead>
            <tr>
              <th scope="col">{t('developers.table.column')}</th>
              <th scope="col">{t('developers.table.description')}</th>
            </tr>
          </thead>
          <tbody>
            {endpoint.columns?.map((c) => (
              <tr key={c.name}>
                <th scope="row" className="align-top font-normal">
                  <code className="text-slate-900">{c.name}</code>
                </th>
                <td>{c.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
    </details>
  )
}
