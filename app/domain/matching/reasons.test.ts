import { describe, expect, it } from 'vitest'
import { translator } from '~/utils/i18n.server'
import { objectiveTitleIn } from '../vocabulary/translations.server'
import { formatMoney, matchReason, reasonText, shownReasons } from './reasons'

const en = translator('en')
const fr = translator('fr')

describe('reasons', () => {
  it('are stored as codes and numbers only, and worded when read', () => {
    const reason = matchReason.subRegion('034')
    expect(reason).toEqual({ key: 'matchReasons.subRegion', values: { regionCode: '034' } })
    expect(reasonText(reason, 'en', en)).toBe('Works in Southern Asia')
    const partly = matchReason.availablePartly(0.4)
    expect(partly.values).toEqual({ share: 0.4 })
    expect(reasonText(partly, 'en', en)).toBe('Available for 40% of the period of the request')
    expect(reasonText(matchReason.sharedPrimaryObjective(20, []), 'es', translator('es'))).toContain(objectiveTitleIn(20, 'es'))
  })

  it('name countries, numbers and money in each of the six languages', () => {
    const ar = translator('ar')
    expect(reasonText(matchReason.sameCountry('MAR'), 'ar', ar)).toContain('المغرب')
    expect(reasonText(matchReason.sameCountry('CHN'), 'zh', translator('zh'))).toContain('中')
    expect(reasonText(matchReason.budgetBelowRange({ amount: 5_000_000, currency: 'USD' }, { amount: 10_000_000, currency: 'USD' }), 'fr', fr)).toContain('USD 50\u202f000')
  })

  it('are re-made in the reader’s language from the codes beside the names', () => {
    expect(reasonText(matchReason.sameCountry('MAR'), 'fr', fr)).toBe('Intervient dans le pays : Maroc')
    expect(reasonText(matchReason.subRegion('034'), 'fr', fr)).toBe(`Intervient dans la sous-région : ${fr('regions.034')}`)
    expect(reasonText(matchReason.supportTypes(['policy_advice', 'peer_exchange']), 'fr', fr)).toBe('Apporte les appuis recherchés : conseil en politiques et échanges entre pairs')
    expect(reasonText(matchReason.trackRecord(1), 'en', en)).toBe('Completed 1 project on these objectives')
  })

  it('write money with the currency code and the minor units of the currency', () => {
    expect(formatMoney(15_000_000, 'USD')).toBe('USD 150,000')
    expect(formatMoney(1_500_000, 'JPY')).toBe('JPY 1,500,000')
    expect(formatMoney(12_345, 'EUR')).toBe('EUR 123.45')
  })

  it('every key has an English and a French sentence', () => {
    const samples = [
      matchReason.sharedPrimaryObjective(20, []),
      matchReason.sharedPrimaryObjective(20, [19, 5]),
      matchReason.sharedOtherObjectives([19]),
      matchReason.sharedOtherObjectives([19, 5]),
      matchReason.sharedActions(['20.a']),
      matchReason.region('142'),
      matchReason.globalOffer(),
      matchReason.budgetBelowRange({ amount: 1, currency: 'USD' }, { amount: 2, currency: 'USD' }),
      matchReason.budgetAboveRange({ amount: 3, currency: 'USD' }, { amount: 2, currency: 'USD' }),
      matchReason.budgetOtherCurrency({ amount: 3, currency: 'USD' }, 'EUR'),
      matchReason.noBudgetGiven(),
      matchReason.noFundingSought(),
      matchReason.fundsCommitted(),
      matchReason.availableThroughout(),
      matchReason.availablePartly(0.4),
      matchReason.similarText(),
    ]
    for (const reason of samples) {
      for (const [language, t] of [['en', en], ['fr', fr]] as const) {
        const text = reasonText(reason, language, t)
        expect(text, `${reason.key} in ${language}`).not.toContain('matchReasons')
        expect(text).not.toContain('{{')
      }
    }
  })

  it('shown are those that contributed, strongest first', () => {
    const shown = shownReasons([
      { factor: 'geography', contribution: 0.08, reason: matchReason.region('142') },
      { factor: 'objectives', contribution: 0.3, reason: matchReason.sharedPrimaryObjective(20, []) },
      { factor: 'financing', contribution: 0.05, reason: null },
      { factor: 'actions', contribution: 0, reason: matchReason.sharedActions(['20.a']) },
    ])
    expect(shown.map((r) => r.key)).toEqual(['matchReasons.sharedPrimaryObjective', 'matchReasons.region'])
  })
})
