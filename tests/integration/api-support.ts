/** A route loader's arguments, as Remix passes them, for a GET of `path`. */
export const loaderArgs = (path: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${path}`),
  params,
  context: { cspNonce: '' },
})

/** An API answer with the headers the tests check and its JSON body. */
export async function readJson(response: Response) {
  const text = await response.text()
  return {
    status: response.status,
    cacheControl: response.headers.get('Cache-Control'),
    allowOrigin: response.headers.get('Access-Control-Allow-Origin'),
    text,
    body: JSON.parse(text) as Record<string, unknown>,
  }
}

/** A page of a listing in the open-data API. */
export type Listed<Item = { id: string }> = { total: number; page: number; pageSize: number; items: Item[]; links: { self: string; next: string | null; prev: string | null } }
