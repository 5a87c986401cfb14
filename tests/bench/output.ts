import os from 'node:os'

/** Results on stdout; progress on stderr, so that the results can be piped on their own. */
export const print = (line = '') => process.stdout.write(`${line}\n`)
export const log = (line: string) => console.warn(`[bench] ${line}`)
export const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')
