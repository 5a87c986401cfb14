import { beforeAll, expect, test } from 'vitest'
import { endpoints } from '~/domain/open-data/openapi'
import { callApi, hiddenProjectTitle, PRIVATE, seedOpenData, type OpenDataWorld } from './open-data-support'

/**
 * No open-data output carries personal data or what the parties wrote for each other. Private text is seeded
 * everywhere a person can write it (contacts, review comments, evidence, progress narratives, thread messages,
 * evaluations, documents, notes on pledges and allocations, people's names and emails), then every JSON, CSV and
 * XML endpoint of the registry is read, in every form the tests can ask for, and scanned.
 */

let world: OpenDataWorld
const bodies = new Map<string, string>()

beforeAll(async () => {
  world = await seedOpenData()
  const itemIds: Record<string, string[]> = {
    '/requests/{id}': [world.requestId],
    '/offers/{id}': [world.offerId],
    '/projects/{id}': [world.activeId, world.closedId],
    '/practices/{id}': [world.practiceId],
  }
  const queries: Record<string, string[]> = {
    '/taxonomy': ['', 'lang=fr'],
    '/requests': ['pageSize=100', `q=${world.word}&pageSize=100`],
    '/offers': ['pageSize=100&status=active&status=paused', `q=${world.word}`],
    '/projects': ['pageSize=100'],
    '/practices': ['pageSize=100', `q=${world.word}`],
  }
  for (const endpoint of endpoints) {
    const calls = endpoint.pathParams ? (itemIds[endpoint.path] ?? []).map((id) => ({ params: { id }, query: '' })) : (queries[endpoint.path] ?? ['']).map((query) => ({ params: {}, query }))
    expect(calls.length, `${endpoint.path} is read`).toBeGreaterThan(0)
    for (const { params, query } of calls) {
      const response = await callApi(endpoint.path, params, query)
      expect(response.status, `${endpoint.path}?${query}`).toBe(200)
      bodies.set(`${endpoint.path} ${JSON.stringify(params)} ${query}`, await response.text())
    }
  }
})

test('the scan sees the seeded world: its public parts are in the outputs', () => {
  const all = [...bodies.values()].join('\n')
  for (const id of [world.requestId, world.offerId, world.activeId, world.closedId, world.practiceId]) expect(all).toContain(id)
  expect(all).toContain('Three hundred and twenty workers were trained.')
  expect(all).toContain(world.partner.name)
})

test('no email address, name of a person or private note appears in any open-data output', () => {
  const emails = world.people.map((p) => p.email)
  const secrets = [PRIVATE.contactName, PRIVATE.contactEmail, PRIVATE.contactPhone, PRIVATE.returnComment, PRIVATE.resubmitNote, PRIVATE.interest, PRIVATE.evidence]
  secrets.push(PRIVATE.milestoneReview, PRIVATE.narrative, PRIVATE.updateReview, PRIVATE.message, PRIVATE.evaluation, PRIVATE.document, PRIVATE.workplanComment)
  secrets.push(PRIVATE.pledgeNote, PRIVATE.allocationNote, PRIVATE.practiceReview, ...PRIVATE.names, hiddenProjectTitle(world.word))
  for (const [source, body] of bodies) {
    // Any address at all, not only the seeded ones (the documents of the API itself name none).
    expect(body.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g), source).toBeNull()
    for (const email of emails) expect(body, source).not.toContain(email)
    for (const secret of secrets) expect(body, `${source}: ${secret}`).not.toContain(secret)
    // The private texts share a marker, so a fragment of one (an excerpt, a truncation) is caught too.
    expect(body, source).not.toMatch(/private,? QX|Private-|-Private|QX[0-9A-E]\b/)
    for (const person of world.people) expect(body, source).not.toContain(person.id)
    expect(body, source).not.toMatch(/contactEmail|contact_email|contactPhone|contact_phone|passwordHash|password_hash/i)
  }
})
