/**
 * `npm run bench -- NAME`: benchmarks, measurements for a person to read rather than tests that pass or fail.
 * Each one runs against its own embedded PostgreSQL under .data/bench-*, sends traffic to 127.0.0.1 only and
 * stops every process it started, also when interrupted or when it overruns its time limit.
 */
const benchmarks: Record<string, (args: string[]) => Promise<void>> = {
  browse: async () => (await import('./browse')).runBrowseBenchmark(),
  bundle: async () => (await import('./bundle')).runBundleBenchmark(),
  lighthouse: async (args) => (await import('./lighthouse')).runLighthouseBenchmark(args),
  match: async () => (await import('./match')).runMatchBenchmark(),
  scale: async () => (await import('./scale')).runScaleDrill(),
}

/** Only the lighthouse benchmark takes options (which pages, which languages). */
const TAKES_OPTIONS = new Set(['lighthouse'])
const [chosen, ...extra] = process.argv.slice(2)
const benchmark = chosen && (!extra.length || TAKES_OPTIONS.has(chosen)) ? benchmarks[chosen] : undefined
if (!benchmark) {
  console.error(`Usage: npm run bench -- ${Object.keys(benchmarks).join('|')}   (lighthouse [--page <path>]… [--lang en|ar])`)
  process.exit(2)
}

benchmark(extra).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  },
)
