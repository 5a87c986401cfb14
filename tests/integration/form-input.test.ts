import { expect, test } from 'vitest'
import { isoDate } from '~/domain/vocabulary/fields'
import { readForm } from '~/http/forms.server'

// What a form may carry that PostgreSQL cannot store is refused as bad input, before it reaches the database.

test('a NUL character in a form is a 400, not a database error', async () => {
  const request = new Request('http://localhost/signup', { method: 'POST', body: new URLSearchParams({ displayName: 'ab\u0000cd' }) })
  const thrown = await readForm(request).then(() => null, (e: unknown) => e)
  expect(thrown).toBeInstanceOf(Response)
  expect((thrown as Response).status).toBe(400)
})

test('dates the database cannot store are refused by validation', () => {
  expect(isoDate.safeParse('0000-01-01').success).toBe(false)
  expect(isoDate.safeParse('2027-03-01').success).toBe(true)
})
