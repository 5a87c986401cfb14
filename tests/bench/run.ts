/**
 * `npm run bench -- NAME`: benchmarks, measurements for a person to read rather than tests that pass or fail.
 * Each one runs against its own embedded PostgreSQL under .data/bench-*, sends traffic to 127.0.0.1 only and
 * stops every process it started, also when interrupted or when it overruns its time limit.
 */
const benchmarks: Record<string, () => Promise<void>> = {
  browse: async () => (await import('./browse')).runBrowseBenchmark(),
  bundle: async () => (await import('./bundle')).runBundleBenchmark(),
  lighthouse: async () => (await import('./lighthouse')).runLighthouseBenchmark(),
  match: async () => (await import('./match')).runMatchBenchmark(),
  scale: async () => (await import('./scale')).runScaleDrill(),
}

const [chosen, ...extra] = process.argv.slice(2)
const benchmark = chosen && !extra.length ? benchmarks[chosen] : undefined
if (!benchmark) {
  console.error(`Usage: npm run bench -- ${Object.keys(benchmarks).join('|')}`)
  process.exit(2)
}

benchmark().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  },
)
