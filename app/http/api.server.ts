import type { ApiAnswer } from '~/domain/catalogue/api.server'

/**
 * The JSON and CSV answers of the open-data API. Open data: any site may read it from the browser (no
 * credentials are involved), and caches may keep a successful answer a minute; an error is not kept.
 */

export const apiJson = (body: unknown, status = 200) =>
  Response.json(body, {
    status,
    headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': status === 200 ? 'public, max-age=60' : 'no-store' },
  })

/** The domain's answer (a body and its status) as JSON. */
export const apiAnswer = ({ status, body }: ApiAnswer) => apiJson(body, status)

/** The headers of every CSV download: a file to save, in UTF-8. */
export function csvResponse(body: string, filename: string, options: { maxAgeSeconds?: number } = {}) {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': `public, max-age=${options.maxAgeSeconds ?? 60}`,
      'Access-Control-Allow-Origin': '*',
    },
  })
}
