import type { TFunction } from 'i18next'

export interface PoolView {
  account: string
  kind: 'unallocated' | 'objective' | 'project'
  objective: number | null
  title: string | null
  balance: number
}

/** A pool as people say it: the general fund, an objective's pool, or a project's own pool. */
export function poolName(t: TFunction, pool: Pick<PoolView, 'kind' | 'objective' | 'title'>) {
  if (pool.kind === 'objective') return t('fundAdmin.pools.objective', { number: pool.objective, title: pool.title ?? t('fundAdmin.pools.unknown') })
  if (pool.kind === 'project') return t('fundAdmin.pools.project', { title: pool.title ?? t('fundAdmin.pools.unknown') })
  return t('fundAdmin.pools.unallocated')
}
