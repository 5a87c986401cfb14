import type { Translation } from '.'
import type projectTermsEn from './project-terms.en'

/** Le vocabulaire des projets, commun à l’espace de travail, aux pages publiques et au portefeuille du secrétariat. */
const projectTermsFr: Translation<typeof projectTermsEn> = {
  projectTerms: {
    statuses: { inception: 'Démarrage', active: 'En cours', on_hold: 'Suspendu', completed: 'Achevé', closed: 'Clos', cancelled: 'Annulé' },
    milestoneStatuses: { planned: 'Prévue', in_progress: 'En cours', submitted: 'Soumise pour examen', approved: 'Approuvée', returned: 'Renvoyée', waived: 'Levée' },
    reviewStatuses: { draft: 'Brouillon', pending: 'En attente d’examen', approved: 'Approuvé', returned: 'Renvoyé' },
    roles: { funding: 'Financement', accountable: 'Responsable (État demandeur)', extending: 'Intermédiaire', implementing: 'Mise en œuvre' },
    levels: { output: 'Produit', outcome: 'Effet', impact: 'Impact' },
    dimensions: { sex: 'Sexe', age: 'Âge', migration_status: 'Statut migratoire', disability: 'Handicap' },
    categories: {
      female: 'Femmes',
      male: 'Hommes',
      other: 'Autre',
      '0_17': '0–17',
      '18_24': '18–24',
      '25_59': '25–59',
      '60_plus': '60 ans et plus',
      migrant: 'Personnes migrantes',
      returnee: 'Personnes de retour',
      host_community: 'Communauté d’accueil',
      with_disability: 'En situation de handicap',
      without_disability: 'Sans handicap',
    },
    dueKinds: { milestone: 'Étape', progressUpdate: 'Rapport d’avancement', finalReport: 'Rapport final' },
    progress: 'Avancement',
    noProgressYet: 'Pas encore mesuré',
    overdue: 'En retard',
    timeline: {
      kinds: {
        requestDrafted: 'Demande rédigée',
        requestSubmitted: 'Demande soumise au secrétariat',
        requestPublished: 'Demande publiée',
        interest: '{{provider}} a manifesté son intérêt',
        matchAgreed: 'Mise en relation conclue avec {{provider}}',
        projectCreated: 'Projet mis en place',
        workplanApproved: 'Plan de travail approuvé',
        projectStarted: 'Projet démarré',
        milestoneSubmitted: 'Étape soumise : {{milestone}}',
        milestoneApproved: 'Étape approuvée : {{milestone}}',
        updateSubmitted: 'Rapport d’avancement soumis ({{period}})',
        updateApproved: 'Rapport d’avancement approuvé ({{period}})',
        projectOnHold: 'Projet suspendu',
        projectResumed: 'Projet repris',
        fundsAllocated: 'Le fonds a alloué {{amount, currency(currency: USD; minimumFractionDigits: 0; maximumFractionDigits: 0)}}',
        trancheDisbursed: 'Tranche de {{amount, currency(currency: USD; minimumFractionDigits: 0; maximumFractionDigits: 0)}} versée pour « {{milestone}} » ({{reference}})',
        projectCompleted: 'Projet achevé',
        finalReportSubmitted: 'Rapport final soumis',
        finalReportApproved: 'Rapport final approuvé',
        projectEvaluated: 'Évalué par l’État demandeur ({{rating}}/5)',
        projectClosed: 'Projet clos',
        projectCancelled: 'Projet annulé',
      },
    },
  },
}
export default projectTermsFr
