import { describe, expect, test } from 'vitest'
import type { MilestoneStatus } from '#db/schema/projects'
import { achievement, addMonths, computeProgress, daysBetween, dueItems, isoDay, type DueInputs } from './progress'

describe('addMonths', () => {
  test.each([
    ['2030-01-31', 1, '2030-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2030-03-31', 1, '2030-04-30'],
    ['2030-11-30', 3, '2031-02-28'],
    ['2030-12-15', 1, '2031-01-15'],
    ['2030-01-15', 12, '2031-01-15'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2030-03-31', -1, '2030-02-28'],
    ['2030-01-31', -2, '2029-11-30'],
    ['2030-05-10', 0, '2030-05-10'],
  ])('%s + %i months = %s (clamped to the month’s last day, never spilling over)', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected)
  })
})

test('daysBetween counts calendar days in UTC, negative when the date has passed', () => {
  expect(daysBetween('2030-01-01', '2030-03-01')).toBe(59)
  expect(daysBetween('2030-03-29', '2030-04-05')).toBe(7)
  expect(daysBetween('2030-04-05', '2030-03-29')).toBe(-7)
  expect(isoDay(new Date(Date.UTC(2030, 0, 31, 23, 59)))).toBe('2030-01-31')
})

describe('achievement', () => {
  test('is the share of the way from baseline to target, clamped to [0, 1]', () => {
    expect(achievement(0, 200, 50)).toBe(0.25)
    expect(achievement(0, 200, 260)).toBe(1)
    expect(achievement(10, 200, 5)).toBe(0)
    expect(achievement(0, 200, null)).toBe(0)
  })
  test('works for indicators that should go down', () => {
    expect(achievement(40, 10, 25)).toBe(0.5)
    expect(achievement(40, 10, 50)).toBe(0)
    expect(achievement(40, 10, 0)).toBe(1)
  })
  test('a target equal to its baseline measures nothing instead of dividing by zero', () => {
    expect(achievement(5, 5, 7)).toBe(0)
  })
})

const ms = (...statuses: MilestoneStatus[]) => statuses.map((status) => ({ status }))

describe('computeProgress', () => {
  test('nothing to measure gives null, not zero', () => {
    expect(computeProgress({ milestones: [], indicators: [], approvedValues: [] })).toEqual({ percent: null, milestonesDone: 0, milestonesTotal: 0, indicators: [] })
  })

  test('milestones alone: approved and waived count, submitted and returned do not', () => {
    const progress = computeProgress({ milestones: ms('approved', 'waived', 'submitted', 'returned', 'in_progress', 'planned'), indicators: [], approvedValues: [] })
    expect(progress).toMatchObject({ percent: 33, milestonesDone: 2, milestonesTotal: 6 })
  })

  test('indicators alone: the mean achievement of the latest approved value of each', () => {
    const progress = computeProgress({
      milestones: [],
      indicators: [
        { id: 'a', baseline: 0, target: 100 },
        { id: 'b', baseline: 50, target: 0 },
      ],
      // oldest first: the last value of `a` (80) is its actual, not the earlier 10
      approvedValues: [
        { indicatorId: 'a', value: 10 },
        { indicatorId: 'b', value: 25 },
        { indicatorId: 'a', value: 80 },
        { indicatorId: 'stray', value: 1000 },
      ],
    })
    expect(progress.percent).toBe(65)
    expect(progress.indicators).toEqual([
      { id: 'a', actual: 80, achievement: 0.8 },
      { id: 'b', actual: 25, achievement: 0.5 },
    ])
  })

  test('both parts weigh equally, and an indicator without a value counts as not achieved', () => {
    const progress = computeProgress({
      milestones: ms('approved', 'planned'),
      indicators: [
        { id: 'a', baseline: 0, target: 200 },
        { id: 'b', baseline: 0, target: 10 },
      ],
      approvedValues: [{ indicatorId: 'a', value: 100 }],
    })
    // milestones 1/2 = 0.5; indicators (0.5 + 0) / 2 = 0.25; mean 0.375 → 38
    expect(progress.percent).toBe(38)
    expect(progress.indicators[1]).toEqual({ id: 'b', actual: null, achievement: 0 })
  })

  test('everything done is exactly 100', () => {
    const progress = computeProgress({ milestones: ms('approved', 'waived'), indicators: [{ id: 'a', baseline: 3, target: 9 }], approvedValues: [{ indicatorId: 'a', value: 9 }] })
    expect(progress.percent).toBe(100)
  })
})

const project = (overrides: Partial<DueInputs> = {}): DueInputs => ({
  status: 'active',
  startDate: '2030-01-01',
  endDate: '2030-12-31',
  reportingMonths: 3,
  milestones: [
    { id: 'm1', title: 'Curriculum', dueDate: '2030-03-31', status: 'in_progress' },
    { id: 'm2', title: 'Pilot', dueDate: '2030-06-30', status: 'planned' },
    { id: 'm3', title: 'Done already', dueDate: '2030-02-28', status: 'approved' },
    { id: 'm4', title: 'Waived', dueDate: '2030-02-01', status: 'waived' },
    { id: 'm5', title: 'Under review', dueDate: '2030-02-15', status: 'submitted' },
  ],
  reportedPeriodEnds: [],
  finalReportStatus: null,
  ...overrides,
})

describe('dueItems', () => {
  test('open milestones and the next progress update, earliest first, overdue once the date has passed', () => {
    const items = dueItems(project(), '2030-04-01')
    expect(items.map((i) => [i.kind, i.id, i.dueDate, i.overdue])).toEqual([
      ['milestone', 'm1', '2030-03-31', true],
      ['progressUpdate', 'update', '2030-04-01', false],
      ['milestone', 'm2', '2030-06-30', false],
    ])
  })

  test('an item due today is not overdue yet; the day after it is', () => {
    const only = project({ milestones: [{ id: 'm1', title: 'Curriculum', dueDate: '2030-03-31', status: 'planned' }] })
    expect(dueItems(only, '2030-03-31').find((i) => i.id === 'm1')?.overdue).toBe(false)
    expect(dueItems(only, '2030-04-01').find((i) => i.id === 'm1')?.overdue).toBe(true)
  })

  test('a returned milestone is owed again', () => {
    const items = dueItems(project({ milestones: [{ id: 'm1', title: 'Curriculum', dueDate: '2030-03-31', status: 'returned' }] }), '2030-03-01')
    expect(items.filter((i) => i.kind === 'milestone').map((i) => i.id)).toEqual(['m1'])
  })

  test('the next progress update is due a reporting period after the last one reported', () => {
    const items = dueItems(project({ milestones: [], reportedPeriodEnds: ['2030-06-30', '2030-03-31'] }), '2030-07-01')
    expect(items).toEqual([{ kind: 'progressUpdate', id: 'update', title: '', dueDate: '2030-09-30', overdue: false }])
  })

  test('the last period (ending after the end date) is still owed; once the end date is reported, no update is due', () => {
    const owed = dueItems(project({ milestones: [], reportedPeriodEnds: ['2030-09-30'] }), '2030-10-01')
    expect(owed.map((i) => i.dueDate)).toEqual(['2030-12-30'])
    expect(dueItems(project({ milestones: [], reportedPeriodEnds: ['2030-12-31'] }), '2031-01-05')).toEqual([])
  })

  test('before the start (inception) milestones are listed but no progress update is owed; on hold neither', () => {
    expect(dueItems(project({ status: 'inception' }), '2030-01-01').map((i) => i.kind)).not.toContain('progressUpdate')
    expect(dueItems(project({ status: 'inception' }), '2030-01-01').map((i) => i.id)).toEqual(['m1', 'm2'])
    expect(dueItems(project({ status: 'on_hold' }), '2030-05-01').map((i) => i.kind)).toEqual(['milestone', 'milestone'])
  })

  test('once completed only the final report is owed, 60 days after the end date, until it is submitted', () => {
    const completed = project({ status: 'completed' })
    expect(dueItems(completed, '2031-01-10')).toEqual([{ kind: 'finalReport', id: 'final', title: '', dueDate: '2031-03-01', overdue: false }])
    expect(dueItems(completed, '2031-03-02')[0]?.overdue).toBe(true)
    expect(dueItems({ ...completed, finalReportStatus: 'returned' }, '2031-01-10')).toHaveLength(1)
    expect(dueItems({ ...completed, finalReportStatus: 'pending' }, '2031-01-10')).toEqual([])
    expect(dueItems({ ...completed, finalReportStatus: 'approved' }, '2031-01-10')).toEqual([])
  })

  test('a project completed after its end date owes the final report 60 days after completion', () => {
    const late = project({ status: 'completed', completedOn: '2031-02-15' })
    expect(dueItems(late, '2031-03-10')).toEqual([{ kind: 'finalReport', id: 'final', title: '', dueDate: '2031-04-16', overdue: false }])
    expect(dueItems(project({ status: 'completed', completedOn: '2030-11-30' }), '2031-01-10')[0]?.dueDate).toBe('2031-03-01')
  })

  test('closed and cancelled projects owe nothing', () => {
    expect(dueItems(project({ status: 'closed' }), '2032-01-01')).toEqual([])
    expect(dueItems(project({ status: 'cancelled' }), '2032-01-01')).toEqual([])
  })
})
