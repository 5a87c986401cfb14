import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiJson, taxonomy } from '~/domain/search/api.server'

/** GET /api/v1/taxonomy[?lang=fr]: objectives with their actions, principles, support types, organisation types, regions. */
export function loader({ request }: LoaderFunctionArgs) {
  const lang = new URL(request.url).searchParams.get('lang') ?? 'en'
  if (lang !== 'en' && lang !== 'fr') return apiJson({ error: 'lang must be en or fr.', issues: [{ parameter: 'lang', value: lang.slice(0, 40), message: 'Use en or fr.' }] }, 400)
  return apiJson(taxonomy(lang))
}
