import type { Translation } from '.'
import type fundErrorsEn from './fund-errors.en'

/** Pourquoi une opération du fonds a été refusée. */
const fundErrorsFr: Translation<typeof fundErrorsEn> = {
  fund: {
    allocationSettled: 'Cette allocation est déjà soldée (close ou annulée).',
    insufficient: 'Cette réserve ne contient pas assez d’argent pour ce montant.',
    maximumCardAmount: 'Une contribution par carte ne peut dépasser 1 000 000. Pour un montant plus élevé, enregistrez une promesse et payez par virement.',
    minimumAmount: 'La plus petite contribution par carte est de 5.',
    poolNotForProject: 'Cette réserve est affectée à d’autres objectifs ou projets.',
    projectNotLive: 'Les fonds sont alloués à des projets encore en cours.',
    projectNotSeeking: 'Ce projet ne cherche pas de financement.',
    receiptExceedsPledge: 'Ce versement dépasserait le montant promis.',
    trancheMilestone: 'Les tranches vont aux étapes de ce projet qui ne sont pas encore approuvées.',
    trancheTwice: 'Chaque étape ne peut avoir qu’une tranche par allocation.',
    tranchesExceedAllocation: 'Les tranches dépassent le montant de l’allocation.',
  },
}
export default fundErrorsFr
