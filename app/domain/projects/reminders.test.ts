import { expect, test } from 'vitest'
import type { DueItem } from './progress'
import { reminderStep } from './reminders.server'

const due = (dueDate: string, today: string): DueItem => ({ kind: 'milestone', id: 'm1', title: 'Curriculum', dueDate, overdue: dueDate < today })

test.each([
  ['2030-03-01', null],
  ['2030-03-23', null],
  ['2030-03-24', 'before-7'],
  ['2030-03-28', 'before-7'],
  ['2030-03-30', 'before-1'],
  ['2030-03-31', 'before-1'],
  ['2030-04-01', 'after-1'],
  ['2030-04-06', 'after-1'],
  ['2030-04-07', 'after-7'],
  ['2030-04-29', 'after-7'],
  ['2030-04-30', 'after-30'],
  ['2031-01-01', 'after-30'],
])('a milestone due on 31 March, on %s, has reached step %s', (today, step) => {
  expect(reminderStep(due('2030-03-31', today), today)).toBe(step)
})
