import { describe, expect, test } from 'vitest'
import { loader as taxonomyLoader } from '~/routes/api.v1.taxonomy'
import { loaderArgs, readJson } from './api-support'

const get = async (path: string) => readJson(await taxonomyLoader(loaderArgs(path)))

describe('GET /api/v1/taxonomy', () => {
  test('lists the objectives with all their actions, principles, support types, organisation types and regions', async () => {
    const { status, cacheControl, allowOrigin, body } = await get('/api/v1/taxonomy')
    expect(status).toBe(200)
    expect(cacheControl).toBe('public, max-age=60')
    expect(allowOrigin).toBe('*')
    const objectives = body.objectives as { number: number; actions: { code: string }[] }[]
    expect(objectives).toHaveLength(23)
    expect(objectives.flatMap((o) => o.actions)).toHaveLength(187)
    expect(objectives[19]).toMatchObject({ number: 20, shortTitle: expect.stringContaining('remittances') })
    expect(body.principles).toHaveLength(10)
    expect(body.supportTypes).toContainEqual({ code: 'peer_exchange', label: 'Peer exchange' })
    expect(body.organizationTypes).toHaveLength(10)
    expect(body.regions).toContainEqual({ code: '034', name: 'Southern Asia', level: 2, parent: '142' })
    expect(body.regions).toContainEqual({ code: '142', name: 'Asia', level: 1, parent: null })
  })

  test('names things in French on request, and refuses other languages', async () => {
    const french = await get('/api/v1/taxonomy?lang=fr')
    expect(french.body.regions).toContainEqual({ code: '142', name: 'Asie', level: 1, parent: null })
    const other = await get('/api/v1/taxonomy?lang=xx')
    expect(other.status).toBe(400)
    expect(other.body).toMatchObject({ error: expect.any(String), issues: [expect.objectContaining({ parameter: 'lang' })] })
  })
})
