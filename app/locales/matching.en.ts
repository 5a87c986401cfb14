/** Sentences that explain a suggestion of the matching service (keys and values: app/domain/matching/reasons.ts). */
const matchingEn = {
  matchReasons: {
    sharedPrimaryObjective: 'Both on objective {{number}}: {{title}}',
    sharedPrimaryObjectiveAndMore_one: 'Both on objective {{number}}: {{title}}; also on objective {{numbers}}',
    sharedPrimaryObjectiveAndMore_other: 'Both on objective {{number}}: {{title}}; also on objectives {{numbers}}',
    sharedOtherObjectives_one: 'Works on objective {{number}}: {{title}}, another objective of the request',
    sharedOtherObjectives_other: 'Works on objectives {{numbers}}, other objectives of the request',
    sharedActions_one: 'Both on GCM action {{actions}}',
    sharedActions_other: 'Both on GCM actions {{actions}}',
    sameCountry: 'Works in {{country}}',
    subRegion: 'Works in {{region}}',
    region: 'Works in the region: {{region}}',
    globalOffer: 'Offered worldwide',
    supportTypes_one: 'Provides the {{types}} sought',
    supportTypes_other: 'Provides the {{types}} sought',
    budgetWithinRange: 'Budget {{budget}} within the offer’s {{range}}',
    budgetBelowRange: 'Budget {{budget}} below the offer’s minimum of {{min}}',
    budgetAboveRange: 'Budget {{budget}} above the offer’s maximum of {{max}}: part-financing',
    budgetOtherCurrency: 'Budget {{budget}}; the offer finances in {{offerCurrency}}',
    noBudgetGiven: 'The request gives no budget to compare with the offer’s range',
    noFundingSought: 'The request does not seek funding',
    fundsCommitted: 'The offer’s funds are committed for now',
    availableThroughout: 'Available for the whole period of the request',
    availablePartly: 'Available for {{percent}}% of the period of the request',
    similarText: 'Similar wording in titles and summaries',
    trackRecord_one: 'Completed {{count}} project on these objectives',
    trackRecord_other: 'Completed {{count}} projects on these objectives',
  },
}

export default matchingEn
