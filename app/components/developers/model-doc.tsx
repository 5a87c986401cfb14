import { useTranslation } from '~/utils/i18n-react'
import { TableScroller } from '~/components/fund/table-scroller'
import type { GuideField } from '~/domain/open-data/guide'
import { TypeLabel, Values } from './type-label'

/** A data model of the JSON answers: each field with its type and meaning; nested fields as dotted paths. */
export function ModelDoc({ name, fields }: { name: string; fields: GuideField[] }) {
  const { t } = useTranslation()
  return (
    <section id={`model-${name}`} className="space-y-2">
      <h3 id={`model-${name}-title`} className="text-base font-semibold">
        <code className="text-slate-900">{name}</code>
      </h3>
      <TableScroller label={t('developers.table.fieldsOf', { name })}>
        <table className="data-table min-w-[36rem]">
          <thead>
            <tr>
              <th scope="col">{t('developers.table.field')}</th>
              <th scope="col">{t('developers.table.type')}</th>
              <th scope="col">{t('developers.table.description')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.path}>
                <th scope="row" className="min-w-36 align-top font-normal">
                  <code className="text-slate-900">
                    <BreakableAtDots path={f.path} />
                  </code>
                  {f.required ? null : <span className="block text-xs text-slate-600">{t('developers.table.optional')}</span>}
                </th>
                <td>
                  <TypeLabel info={f} />
                </td>
                <td>
                  {f.description}
                  <Values values={f.values} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
    </section>
  )
}

/** A dotted path that may wrap after each dot, never inside a name. */
function BreakableAtDots({ path }: { path: string }) {
  const parts = path.split('.')
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              .<wbr />
            </>
          ) : null}
        </span>
      ))}
    </>
  )
}
