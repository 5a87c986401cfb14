import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { browseStatement } from '~/domain/catalogue/browse.server'
import { browseQuery, type BrowseQuery } from '~/domain/catalogue/filters'
import { db } from '~/utils/db.server'
import { searchOrganizations } from './search-support'

describe('query plans', () => {
  /**
   * Explains browse statements over a few thousand rows of realistic width, written and analysed inside a
   * transaction that is rolled back, so the planner weighs real numbers rather than a near-empty table.
   */
  async function plan(...queries: BrowseQuery[]) {
    const { state } = await searchOrganizations()
    const plans: string[] = []
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`
          insert into requests (organization_id, status, title, summary, description, countries, regions, primary_objective,
            objectives, support_types, languages, published_at)
          select ${state.id}, 'published', 'Labour mobility programme ' || g || case when g % 500 = 0 then ' remittances' else '' end,
            'Support for national capacities in migration governance.',
            (select string_agg(md5(g::text || '-' || i), ' ') from generate_series(1, 30) i),
            array['KEN'], array['002','014','202'],
            (g % 23 + 1)::smallint, array[(g % 23 + 1)::smallint], array['capacity_building'], array['en'], now() - g * interval '1 hour'
          from generate_series(1, 4000) g`)
        // As autovacuum would: move fresh entries from the GIN pending lists into the indexes proper.
        await tx.execute(sql`select gin_clean_pending_list(indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid
          join pg_am a on a.oid = c.relam where i.indrelid = 'requests'::regclass and a.amname = 'gin'`)
        await tx.execute(sql`analyze requests`)
        for (const query of queries) {
          const rows = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain ${browseStatement(query, { facets: true })}`)
          plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'))
        }
        throw new Rollback()
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e
      })
    return plans
  }
  class Rollback extends Error {}

  test('search words and array filters go through the GIN indexes; a page without them, through the date index', async () => {
    const [words, arrays, both, everything] = await plan(
      browseQuery('requests', { q: 'remittances' }),
      browseQuery('requests', { objective: [20], country: ['KEN'] }),
      browseQuery('requests', { q: 'remittances', objective: [20] }),
      browseQuery('requests'),
    )
    expect(words).toContain('Bitmap Index Scan on requests_search_idx')
    expect(arrays).toMatch(/Bitmap Index Scan on requests_(objectives|countries)_idx/)
    expect(both).toMatch(/Bitmap Index Scan on requests_(search|objectives)_idx/)
    for (const text of [words, arrays, both]) expect(text).not.toMatch(/Seq Scan on requests/)
    // The page itself comes off the index; only the total counts every row.
    const [page] = everything!.split(/InitPlan \d+/).filter((part) => part.includes('Limit'))
    expect(page).toMatch(/Merge Append[\s\S]*Index (Only )?Scan using requests_status_published_idx/)
    expect(page).not.toMatch(/Seq Scan on requests/)
  })
})
