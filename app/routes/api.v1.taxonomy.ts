import type { LoaderFunctionArgs } from '@remix-run/node'
import { openData } from '~/http/open-data.server'
import { TaxonomyQuerySchema } from '~/domain/open-data/schemas'
import { taxonomy } from '~/domain/catalogue/api.server'
import { apiJson } from '~/http/api.server'
import { supportedLanguages } from '~/utils/i18n'

const languages = supportedLanguages.join(', ')

/** GET /api/v1/taxonomy[?lang=fr]: objectives with their actions, principles, support types, organisation types, regions (lang: ar, zh, en, fr, ru or es). */
export const loader = openData(({ request }: LoaderFunctionArgs) => {
  const lang = new URL(request.url).searchParams.get('lang')
  const query = TaxonomyQuerySchema.safeParse({ lang: lang ?? undefined })
  if (!query.success) return apiJson({ error: `lang must be one of ${languages}.`, issues: [{ parameter: 'lang', value: (lang ?? '').slice(0, 40), message: `Use one of ${languages}.` }] }, 400)
  return apiJson(taxonomy(query.data.lang ?? 'en'))
})
