import { existsSync, readdirSync, readFileSync } from 'node:fs'

/**
 * CPU time used by a process and its descendants (Linux /proc), so a run can say what one response cost the
 * app and PostgreSQL in CPU: unlike throughput, that number barely moves when other work shares the machine.
 */

const TICK_MS = 10 // USER_HZ is 100 on Linux

function stat(pid: number): { parent: number; cpuMs: number } | null {
  try {
    // "pid (comm) state ppid … utime stime …": comm may hold spaces, so read after the last ')'.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { parent: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS }
  } catch {
    return null // gone meanwhile
  }
}

export const cpuAccounting = existsSync('/proc/self/stat')

/** CPU milliseconds of `root` and every process below it, as of now. */
export function treeCpuMs(root: number): Map<number, number> {
  const all = new Map<number, { parent: number; cpuMs: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const s = stat(Number(entry))
    if (s) all.set(Number(entry), s)
  }
  const inTree = new Map<number, number>()
  const visit = (pid: number) => {
    const s = all.get(pid)
    if (!s || inTree.has(pid)) return
    inTree.set(pid, s.cpuMs)
    for (const [child, c] of all) if (c.parent === pid) visit(child)
  }
  visit(root)
  return inTree
}

/** CPU spent between two snapshots by the processes alive at the second (pool connections outlive a run). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>) {
  let total = 0
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0)
  return total
}

/** The postmaster of a PostgreSQL data directory, whose children are the backends serving queries. */
export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]) || null
  } catch {
    return null
  }
}
