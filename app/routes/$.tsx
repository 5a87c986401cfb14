import type { I18nHandle } from '~/utils/i18n-page'
export function loader() {
  throw new Response('Not found', { status: 404 })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: [] }

export default function NotFound() {
  return null
}

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
