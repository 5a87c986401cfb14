/**
 * NDCG@k of a ranking that may hold ties. Items that tie share the positions they occupy, each position
 * counting the mean gain of the tied group (McSherry and Najork, 2008): a ranking is not rewarded for the
 * luck of a tie-break, and a baseline that ties everything gets the expected value of a random order.
 */

/** A ranking as groups of tied items, best group first; each item is its graded relevance (0–3). */
export type TiedRanking = number[][]

const gain = (relevance: number) => 2 ** relevance - 1
const discount = (position: number) => 1 / Math.log2(position + 1)

export function dcgAt(k: number, ranking: TiedRanking) {
  let dcg = 0
  let position = 1
  for (const group of ranking) {
    const mean = group.reduce((sum, r) => sum + gain(r), 0) / group.length
    for (let i = 0; i < group.length && position <= k; i++, position++) dcg += mean * discount(position)
    if (position > k) break
  }
  return dcg
}

export function ndcgAt(k: number, ranking: TiedRanking) {
  const ideal = dcgAt(k, ranking.flat().sort((a, b) => b - a).map((r) => [r]))
  return ideal === 0 ? 1 : dcgAt(k, ranking) / ideal
}

/** Groups items by a score (higher first); equal scores tie. */
export function tiedBy<T>(items: readonly T[], score: (item: T) => number, relevance: (item: T) => number): TiedRanking {
  const groups = new Map<number, number[]>()
  for (const item of items) {
    const s = score(item)
    groups.set(s, [...(groups.get(s) ?? []), relevance(item)])
  }
  return [...groups.entries()].sort((a, b) => b[0] - a[0]).map(([, group]) => group)
}

export const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length
