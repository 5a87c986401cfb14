import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import { cpuAccounting, cpuBetween, treeCpuMs } from './cpu'

/** One autocannon run against one server, reduced to the numbers the report prints. */

export interface LoadOptions {
  connections: number
  warmupSeconds: number
  seconds: number
}

export interface LoadTarget {
  name: string
  /** The server's processes: the connections are spread evenly over them. */
  origins: string[]
  /** Those processes (with their children), and PostgreSQL's postmaster, for CPU per response. */
  pids: number[]
  postgresPid: number | null
}

export interface LoadResult {
  name: string
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  responses: number
  bytesPerResponse: number
  /** CPU milliseconds per response, or null where /proc cannot tell. */
  serverCpuMs: number | null
  postgresCpuMs: number | null
  /** The 1-minute load average as the measured part began. */
  loadAverage: number
}

/** Every connection cycles through `paths` in order, so both servers receive the same mix of searches. */
export async function measure(target: LoadTarget, paths: string[], options: LoadOptions): Promise<LoadResult> {
  const run = (seconds: number) =>
    autocannon({
      // autocannon spreads its connections over several URLs (its README), though its types allow one.
      url: (target.origins.length === 1 ? target.origins[0]! : target.origins) as string,
      connections: options.connections,
      duration: seconds,
      requests: paths.map((path) => ({ method: 'GET', path })),
    })
  await run(options.warmupSeconds)

  const snapshot = () => ({
    server: cpuAccounting ? new Map(target.pids.flatMap((pid) => [...treeCpuMs(pid)])) : null,
    postgres: cpuAccounting && target.postgresPid ? treeCpuMs(target.postgresPid) : null,
  })
  const loadAverage = loadavg()[0]!
  const before = snapshot()
  const result = await run(options.seconds)
  const after = snapshot()

  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']
  const perResponse = (a: Map<number, number> | null, b: Map<number, number> | null) => (a && b && responses ? cpuBetween(a, b) / responses : null)
  return {
    name: target.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    responses,
    bytesPerResponse: responses ? result.throughput.total / responses : 0,
    serverCpuMs: perResponse(before.server, after.server),
    postgresCpuMs: perResponse(before.postgres, after.postgres),
    loadAverage,
  }
}
