import { describe, expect, it } from 'vitest'
import { budgetOf, financingRangeOf, offerWindow, regionLevel, requestPeriod } from './features'

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000

describe('features', () => {
  it('a request’s period ends the day before its start plus its duration, as PostgreSQL adds months', () => {
    expect(requestPeriod({ startDate: '2027-03-01', durationMonths: 12 })).toEqual({ start: day('2027-03-01'), end: day('2028-02-29') })
    // 31 January + 1 month is 28 February (PostgreSQL clamps the day), so the period ends on the 27th.
    expect(requestPeriod({ startDate: '2027-01-31', durationMonths: 1 })).toEqual({ start: day('2027-01-31'), end: day('2027-02-27') })
    expect(requestPeriod({ startDate: '2027-05-10', durationMonths: null })).toEqual({ start: day('2027-05-10'), end: day('2027-05-10') })
    expect(requestPeriod({ startDate: null, durationMonths: 6 })).toBeNull()
  })

  it('an offer’s availability is open-ended on a side without a date, and absent without dates', () => {
    expect(offerWindow({ availableFrom: '2027-01-01', availableUntil: null })).toEqual({ start: day('2027-01-01'), end: Infinity })
    expect(offerWindow({ availableFrom: null, availableUntil: '2027-12-31' })).toEqual({ start: -Infinity, end: day('2027-12-31') })
    expect(offerWindow({ availableFrom: null, availableUntil: null })).toBeNull()
  })

  it('knows the M49 level of a region', () => {
    expect([regionLevel('002'), regionLevel('202'), regionLevel('014'), regionLevel('999')]).toEqual([1, 2, 3, undefined])
  })

  it('reads money only when both amount and currency are there', () => {
    const request = { budgetAmount: 100, budgetCurrency: 'USD' }
    expect(budgetOf(request as never)).toEqual({ amount: 100, currency: 'USD' })
    expect(budgetOf({ budgetAmount: null, budgetCurrency: null } as never)).toBeNull()
    expect(financingRangeOf({ financingMin: 1, financingMax: 2, financingCurrency: 'EUR' } as never)).toEqual({ min: 1, max: 2, currency: 'EUR' })
    expect(financingRangeOf({ financingMin: null, financingMax: null, financingCurrency: null } as never)).toBeNull()
  })
})
