import type { Translation } from '.'
import type matchingEn from './matching.en'

/** Phrases qui expliquent une suggestion du service de mise en relation. */
const matchingFr: Translation<typeof matchingEn> = {
  matchReasons: {
    sharedPrimaryObjective: 'Tous deux sur l’objectif {{number}} : {{title}}',
    sharedPrimaryObjectiveAndMore_one: 'Tous deux sur l’objectif {{number}} : {{title}} ; aussi sur l’objectif {{numbers}}',
    sharedPrimaryObjectiveAndMore_other: 'Tous deux sur l’objectif {{number}} : {{title}} ; aussi sur les objectifs {{numbers}}',
    sharedOtherObjectives_one: 'Travaille sur l’objectif {{number}} : {{title}}, un autre objectif de la demande',
    sharedOtherObjectives_other: 'Travaille sur les objectifs {{numbers}}, d’autres objectifs de la demande',
    sharedActions_one: 'Tous deux sur l’action {{actions}} du Pacte',
    sharedActions_other: 'Tous deux sur les actions {{actions}} du Pacte',
    sameCountry: 'Intervient dans le pays : {{country}}',
    subRegion: 'Intervient dans la sous-région : {{region}}',
    region: 'Intervient dans la région : {{region}}',
    globalOffer: 'Offre ouverte au monde entier',
    supportTypes_one: 'Apporte l’appui recherché : {{types}}',
    supportTypes_other: 'Apporte les appuis recherchés : {{types}}',
    budgetWithinRange: 'Budget de {{budget}} compris dans la fourchette de l’offre ({{range}})',
    budgetBelowRange: 'Budget de {{budget}} inférieur au minimum de l’offre ({{min}})',
    budgetAboveRange: 'Budget de {{budget}} supérieur au maximum de l’offre ({{max}}) : financement partiel',
    budgetOtherCurrency: 'Budget de {{budget}} ; l’offre finance en {{offerCurrency}}',
    noBudgetGiven: 'La demande n’indique pas de budget à comparer à la fourchette de l’offre',
    noFundingSought: 'La demande ne cherche pas de financement',
    fundsCommitted: 'Les fonds de l’offre sont engagés pour le moment',
    availableThroughout: 'Disponible pendant toute la période de la demande',
    availablePartly: 'Disponible pendant {{percent}} % de la période de la demande',
    similarText: 'Termes proches dans les titres et résumés',
    trackRecord_one: 'A mené à bien {{count}} projet sur ces objectifs',
    trackRecord_other: 'A mené à bien {{count}} projets sur ces objectifs',
  },
}

export default matchingFr
