import type postgres from 'postgres'
import type { Statement } from './floor'

/** EXPLAIN (ANALYZE, BUFFERS) of a browse statement, reduced to what a reader checks: which scans, which indexes, how long. */

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows'?: number
  'Actual Loops'?: number
  'Actual Total Time'?: number
  'Shared Hit Blocks'?: number
  'Shared Read Blocks'?: number
  'Exact Heap Blocks'?: number
  'Rows Removed by Filter'?: number
  'Rows Removed by Index Recheck'?: number
  'Subplan Name'?: string
  Plans?: PlanNode[]
}

interface Explained {
  Plan: PlanNode
  'Planning Time': number
  'Execution Time': number
}

export interface PlanSummary {
  executionMs: number
  planningMs: number
  indexes: string[]
  /** Tables read from end to end, with the rows they yielded. */
  seqScans: string[]
  sharedHit: number
  sharedRead: number
  scans: string[]
  /** Time of each CTE and InitPlan (a CTE's time also counts in the part that first reads it). */
  parts: string[]
}

/** Every node with the part of the statement it belongs to (a CTE or an InitPlan, else the main query). */
function* nodes(plan: PlanNode, part = 'main query'): Generator<[PlanNode, string]> {
  const here = plan['Subplan Name'] ?? part
  yield [plan, here]
  for (const child of plan.Plans ?? []) yield* nodes(child, here)
}

function describe(node: PlanNode, part: string) {
  const what = `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`
  const extra = [
    node['Exact Heap Blocks'] !== undefined ? `heap blocks=${node['Exact Heap Blocks']}` : '',
    node['Rows Removed by Filter'] ? `removed by filter=${node['Rows Removed by Filter']}` : '',
    node['Rows Removed by Index Recheck'] ? `removed by recheck=${node['Rows Removed by Index Recheck']}` : '',
  ].filter(Boolean)
  const loops = node['Actual Loops'] ?? 1
  return `${part}: ${what} — rows=${node['Actual Rows']}${loops > 1 ? ` ×${loops} loops` : ''}, ${node['Actual Total Time']?.toFixed(2)} ms${extra.length ? `, ${extra.join(', ')}` : ''}`
}

export async function explain(client: postgres.Sql, statement: Statement): Promise<PlanSummary> {
  const [row] = await client.unsafe<{ 'QUERY PLAN': Explained[] }[]>(
    `explain (analyze, buffers, format json) ${statement.sql}`,
    statement.params as postgres.ParameterOrJSON<never>[],
  )
  const [explained] = row!['QUERY PLAN']
  const all = [...nodes(explained!.Plan)]
  const scans = all.filter(([node]) => node['Relation Name'] || node['Index Name'])
  return {
    executionMs: explained!['Execution Time'],
    planningMs: explained!['Planning Time'],
    indexes: [...new Set(scans.flatMap(([node]) => (node['Index Name'] ? [node['Index Name']] : [])))],
    seqScans: scans.filter(([node]) => node['Node Type'] === 'Seq Scan').map(([node]) => `${node['Relation Name']} (${node['Actual Rows']} rows)`),
    sharedHit: explained!.Plan['Shared Hit Blocks'] ?? 0,
    sharedRead: explained!.Plan['Shared Read Blocks'] ?? 0,
    scans: scans.map(([node, part]) => describe(node, part)),
    parts: all.filter(([node]) => node['Subplan Name']).map(([node]) => `${node['Subplan Name']} ${node['Actual Total Time']?.toFixed(1)} ms`),
  }
}
