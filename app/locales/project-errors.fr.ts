import type { Translation } from '.'
import type projectErrorsEn from './project-errors.en'

/** Pourquoi une étape d’un projet a été refusée. */
const projectErrorsFr: Translation<typeof projectErrorsEn> = {
  projects: {
    alreadyEvaluated: 'Ce projet a déjà été évalué.',
    evaluationTooEarly: 'L’évaluation se fait une fois le projet achevé.',
    finalReportTooEarly: 'Le rapport final se rédige une fois le projet achevé.',
    finished: 'Ce projet est terminé ; sa discussion est en lecture seule.',
    guard: {
      evaluation: 'L’évaluation de l’État demandeur est nécessaire avant de clore le projet.',
      finalReport: 'Le rapport final doit être approuvé avant de clore le projet.',
      milestones: 'Chaque étape doit être approuvée ou levée avant que le projet soit achevé.',
      workplan: 'Le plan de travail doit être approuvé avant le démarrage du projet.',
    },
    matchNotAgreed: 'Un projet ne peut être mis en place qu’à partir d’une mise en relation conclue.',
    notActive: 'Le travail sur les étapes se fait pendant que le projet est en cours.',
    notReporting: 'L’avancement se rapporte une fois le projet démarré.',
    reportLocked: 'Le rapport final a été soumis et ne peut plus être modifié.',
    updateLocked: 'Ce rapport a été soumis et ne peut plus être modifié.',
    workplanLocked: 'Le plan de travail ne peut plus être modifié.',
    workplanNeedsIndicators: 'Ajoutez au moins un indicateur de résultat avant de soumettre le plan de travail.',
    workplanNeedsMilestones: 'Ajoutez au moins une étape avant de soumettre le plan de travail.',
    fileEmpty: 'Le fichier est vide.',
    fileTooLarge: 'Le fichier dépasse 10 Mo.',
    fileType: 'Ce type de fichier ne peut pas être partagé ici. Utilisez un PDF, un document bureautique (Word, Excel, PowerPoint, OpenDocument), une image (PNG, JPEG, WebP) ou du texte brut (.txt, .csv, .md).',
  },
}
export default projectErrorsFr
