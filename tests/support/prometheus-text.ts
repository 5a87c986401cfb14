/**
 * A strict reader of Prometheus's text exposition format (version 0.0.4), for tests: every line must be a HELP, a
 * TYPE or a sample of a declared family, label values must be well quoted, and each histogram must be consistent
 * (cumulative buckets ending in +Inf, which equals its count).
 */

export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

export interface Exposition {
  types: Map<string, string>
  samples: Sample[]
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const HELP = new RegExp(`^# HELP (${NAME}) (.*)$`)
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`)
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`)
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {}
  LABEL.lastIndex = 0
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex
    const match = LABEL.exec(text)
    if (!match || match.index !== start) throw new Error(`bad labels in: ${line}`)
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\')
  }
  return labels
}

// Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case; prom-client writes `Nan`
// (for example the event loop's mean lag before its first sample).
function parseValue(text: string, line: string) {
  const word = text.toLowerCase()
  if (word === '+inf' || word === 'inf') return Infinity
  if (word === '-inf') return -Infinity
  if (word === 'nan') return NaN
  const value = Number(text)
  if (Number.isNaN(value)) throw new Error(`bad value in: ${line}`)
  return value
}

const familyOf = (name: string, types: Map<string, string>) => {
  if (types.has(name)) return name
  const base = name.replace(/_(bucket|sum|count)$/, '')
  return types.get(base) === 'histogram' || types.get(base) === 'summary' ? base : undefined
}

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>()
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line === '') continue
    if (line.startsWith('# HELP ')) {
      if (!HELP.test(line)) throw new Error(`bad HELP line: ${line}`)
      continue
    }
    const type = TYPE.exec(line)
    if (type) {
      if (types.has(type[1]!)) throw new Error(`family declared twice: ${type[1]}`)
      types.set(type[1]!, type[2]!)
      continue
    }
    if (line.startsWith('#')) throw new Error(`unexpected comment: ${line}`)
    const sample = SAMPLE.exec(line)
    if (!sample) throw new Error(`not a sample: ${line}`)
    const name = sample[1]!
    if (!familyOf(name, types)) throw new Error(`sample before its TYPE line: ${line}`)
    samples.push({ name, labels: sample[2] ? parseLabels(sample[2], line) : {}, value: parseValue(sample[3]!, line) })
  }
  for (const [family, type] of types) if (type === 'histogram') checkHistogram(family, samples)
  return { types, samples }
}

function checkHistogram(family: string, samples: Sample[]) {
  const series = new Map<string, { buckets: [number, number][]; count?: number }>()
  const keyOf = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).filter(([name]) => name !== 'le').sort())
  for (const sample of samples) {
    if (sample.name !== `${family}_bucket` && sample.name !== `${family}_count`) continue
    const key = keyOf(sample.labels)
    const entry = series.get(key) ?? { buckets: [] }
    series.set(key, entry)
    if (sample.name.endsWith('_count')) entry.count = sample.value
    else entry.buckets.push([parseValue(sample.labels.le ?? '', family), sample.value])
  }
  for (const [key, { buckets, count }] of series) {
    const last = buckets.at(-1)
    if (!last || last[0] !== Infinity || last[1] !== count) throw new Error(`${family}${key}: the +Inf bucket must equal the count`)
    buckets.reduce((previous, [le, value]) => {
      if (le <= previous[0] || value < previous[1]) throw new Error(`${family}${key}: buckets must grow`)
      return [le, value]
    }, [-Infinity, 0])
  }
}

/** The value of the sample `name` whose labels include `labels`, or undefined. */
export function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}) {
  return exposition.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value
}
