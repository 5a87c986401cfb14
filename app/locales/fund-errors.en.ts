/** Why a fund operation was refused: the codes of the DomainErrors and validation messages of app/domain/fund. */
const fundErrorsEn = {
  fund: {
    allocationSettled: 'This allocation is already settled (closed or reversed).',
    insufficient: 'There is not enough money in this pool for that amount.',
    maximumCardAmount: 'A card contribution can be at most 1,000,000. For larger amounts, record a pledge and pay by bank transfer.',
    minimumAmount: 'The smallest card contribution is 5.',
    poolNotForProject: 'This pool is earmarked for other objectives or projects.',
    projectNotLive: 'Money is allocated to projects that are still running.',
    projectNotSeeking: 'This project is not seeking funds.',
    receiptExceedsPledge: 'This receipt would exceed the amount pledged.',
    trancheMilestone: 'Tranches go to this project’s milestones that are not yet approved.',
    trancheTwice: 'Each milestone can have one tranche per allocation.',
    tranchesExceedAllocation: 'The tranches add up to more than the allocation.',
  },
}
export default fundErrorsEn
