import { describe, expect, it } from 'vitest'
import { similarRequests } from '~/domain/matching/related.server'
import { db } from '~/utils/db.server'
import { remittanceRequest, startEachTestWithAnEmptyCatalogue, world } from './matching-support'

startEachTestWithAnEmptyCatalogue()

describe('related work', () => {
  it('finds similar published requests, most similar first, never the request itself', async () => {
    const w = await world((k) => ({
      requests: [
        remittanceRequest(k, 'me'),
        remittanceRequest(k, 'twin', { organization: k('npl'), countries: ['NPL'], title: 'Cutting the cost of remittances to Nepal' }),
        remittanceRequest(k, 'cousin', { organization: k('npl'), countries: ['NPL'], objectives: [19], actions: [], title: 'Diaspora investment in Nepal', summary: 'Diaspora bonds and investment matching for Nepali workers abroad.' }),
        remittanceRequest(k, 'draft', { status: 'draft' }),
        remittanceRequest(k, 'stranger', { objectives: [8], actions: [], title: 'Identifying missing migrants', summary: 'Forensic identification of migrants missing on the routes north.' }),
      ],
    }))
    const similar = await similarRequests(db, w.request('me'), 10)
    const mine = similar.filter((s) => w.requestName(s.requestId))
    expect(mine.map((s) => w.requestName(s.requestId))).toEqual(['twin', 'cousin'])
    expect(mine[0]!.sharedObjectives).toEqual([19, 20])
    expect(mine[0]!.score).toBeGreaterThan(mine[1]!.score)
  })
})
