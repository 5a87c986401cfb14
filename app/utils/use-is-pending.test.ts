import type { Navigation } from '@remix-run/react'
import { describe, expect, it } from 'vitest'
import { isPending } from './use-is-pending'

const idle = { state: 'idle' } as Navigation

function posting(state: 'submitting' | 'loading', formAction: string, fields: Record<string, string>): Navigation {
  const formData = new FormData()
  for (const [name, value] of Object.entries(fields)) formData.set(name, value)
  return { state, formAction, formMethod: 'POST', formData } as Navigation
}

describe('isPending', () => {
  it('is false while nothing is posted', () => {
    expect(isPending(idle, { formAction: '/login' })).toBe(false)
  })

  it('is true while this form is submitting, and not while the page reloads after it unless asked', () => {
    expect(isPending(posting('submitting', '/login', {}), { formAction: '/login' })).toBe(true)
    expect(isPending(posting('loading', '/login', {}), { formAction: '/login' })).toBe(false)
    expect(isPending(posting('loading', '/login', {}), { formAction: '/login', state: 'non-idle' })).toBe(true)
  })

  it('is false while a form posting to another action or with another method is submitting', () => {
    expect(isPending(posting('submitting', '/signup', {}), { formAction: '/login' })).toBe(false)
    expect(isPending(posting('submitting', '/login', {}), { formAction: '/login', formMethod: 'GET' })).toBe(false)
  })

  it('tells the forms of one action apart by their intent', () => {
    const adding = posting('submitting', '/projects/1/workspace', { intent: 'addMilestone' })
    expect(isPending(adding, { formAction: '/projects/1/workspace', intent: 'addMilestone' })).toBe(true)
    expect(isPending(adding, { formAction: '/projects/1/workspace', intent: 'addIndicator' })).toBe(false)
    expect(isPending(adding, { formAction: '/projects/1/workspace', intent: ['save', 'addMilestone'] })).toBe(true)
    expect(isPending(posting('submitting', '/projects/1/workspace', {}), { formAction: '/projects/1/workspace', intent: 'addMilestone' })).toBe(false)
  })

  it('tells one row’s form from its neighbours’ by the fields it posts', () => {
    const receipt = posting('submitting', '/secretariat/fund', { intent: 'receipt', contributionId: 'a' })
    expect(isPending(receipt, { formAction: '/secretariat/fund', intent: 'receipt', fields: { contributionId: 'a' } })).toBe(true)
    expect(isPending(receipt, { formAction: '/secretariat/fund', intent: 'receipt', fields: { contributionId: 'b' } })).toBe(false)
  })
})
