import { createServer } from 'node:net'
import { gzipSync } from 'node:zlib'
import { removeEmbeddedCluster } from '#db/embedded'
import { supportedLanguages } from '~/utils/i18n'
import { PAGE_STRINGS_ID } from '~/utils/i18n-page'
import { runBounded, startHub } from './processes'

/**
 * `npm run bench -- bundle`: the JavaScript the browser must download to run each main public page on a first
 * visit, in each of the six languages, measured on the real app with the demo data: every module the page's
 * HTML loads (entry, shared chunks, route modules, the route manifest), gzipped. The page's strings come inline
 * with the HTML as JSON; they are shown beside it, as are both together. The last line names the page with the
 * most first-load JavaScript.
 */

const pages = ['/', '/requests', '/requests/:id', '/offers', '/offers/:id', '/projects', '/projects/:id', '/fund', '/dashboards', '/practices', '/objectives', '/objectives/20']

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10
const gzipped = (text: string | Buffer) => gzipSync(text, { level: 6 }).length

export async function runBundleBenchmark() {
  await runBounded('bundle', 20 * 60_000, async (stack) => {
    const dataDir = `.data/bench-bundle-${process.pid}`
    stack.push(async () => removeEmbeddedCluster(dataDir))
    const port = await freePort()
    const hub = await startHub({ port, databaseUrl: '', dataDir, probePath: '/healthz', env: { DEMO_DATA: 'on' } })
    stack.push(hub.stop)

    const first = async (api: string) => ((await (await fetch(`${hub.origin}${api}?pageSize=1`)).json()) as { items: { id: string }[] }).items[0]?.id ?? ''
    const ids = { requests: await first('/api/v1/requests'), offers: await first('/api/v1/offers'), projects: await first('/api/v1/projects') }
    const assetSizes = new Map<string, number>()
    const assetSize = async (path: string) => {
      let size = assetSizes.get(path)
      if (size === undefined) {
        size = gzipped(Buffer.from(await (await fetch(`${hub.origin}${path}`)).arrayBuffer()))
        assetSizes.set(path, size)
      }
      return size
    }

    let worst = { js: 0, page: '', lang: '' }
    console.warn('page                 lang   js_kb  strings_kb  js+strings_kb')
    for (const pattern of pages) {
      const page = pattern.replace(':id', (m) => ids[pattern.split('/')[1] as keyof typeof ids] ?? m)
      for (const lang of supportedLanguages) {
        const response = await fetch(`${hub.origin}${page}?lng=${lang}`)
        if (!response.ok) throw new Error(`${page} in ${lang} answered ${response.status}`)
        const html = await response.text()
        // What the browser loads: the modules Remix preloads for the page and the entry it imports. (The route
        // manifest's address also appears in the HTML, but with lazy route discovery it is never fetched.)
        const preloaded = [...html.matchAll(/<link rel="modulepreload" href="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
        const imported = [...html.matchAll(/(?:import\(\s*|from\s*)"(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
        const modules = new Set([...preloaded, ...imported])
        let js = 0
        for (const path of modules) js += await assetSize(path)
        const strings = new RegExp(`<script id="${PAGE_STRINGS_ID}"[^>]*>([\\s\\S]*?)</script>`).exec(html)?.[1] ?? ''
        const total = js + gzipped(strings)
        console.warn(`${pattern.padEnd(20)} ${lang.padEnd(4)} ${String(kb(js)).padStart(7)} ${String(kb(gzipped(strings))).padStart(11)} ${String(kb(total)).padStart(14)}`)
        if (js > worst.js) worst = { js, page: pattern, lang }
      }
    }
    console.warn(`bundle first_load_kb=${kb(worst.js)} page=${worst.page} lang=${worst.lang}`)
  })
}
