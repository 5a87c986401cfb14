import { useTranslation } from '~/utils/i18n-react'
import type { TypeInfo } from '~/domain/open-data/guide'

/** A field's or parameter's type: a JSON type word or a link to the named model, listed, maybe null, with its values. */
export function TypeLabel({ info, repeatable = false }: { info: TypeInfo; repeatable?: boolean }) {
  const { t } = useTranslation()
  const base = info.model ? (
    <a href={`#model-${info.model}`}>{info.model}</a>
  ) : (
    <code className="text-slate-900">{info.type}</code>
  )
  return (
    <>
      {info.array && !repeatable ? t('developers.table.arrayOf', { type: '' }) : null}
      {base}
      {info.array && repeatable ? <span className="block text-xs text-slate-600">{t('developers.table.repeatable')}</span> : null}
      {info.nullable ? <span className="block text-xs text-slate-600">{t('developers.table.nullable')}</span> : null}
    </>
  )
}

/** The values a field or parameter may take, when they are a closed list. */
export function Values({ values }: { values: string[] | null }) {
  const { t } = useTranslation()
  if (!values) return null
  return <span className="mt-1 block text-xs text-slate-600">{t('developers.table.values', { values: values.join(', ') })}</span>
}
