import browseEn from './browse.en'
import browseFr from './browse.fr'
import dashboardsEn from './dashboards.en'
import dashboardsFr from './dashboards.fr'
import developersEn from './developers.en'
import developersFr from './developers.fr'
import en from './en'
import fr from './fr'
import matchesEn from './matches.en'
import matchesFr from './matches.fr'
import matchingEn from './matching.en'
import matchingFr from './matching.fr'
import fundAdminEn from './fund-admin.en'
import fundAdminFr from './fund-admin.fr'
import fundErrorsEn from './fund-errors.en'
import fundErrorsFr from './fund-errors.fr'
import fundPagesEn from './fund-pages.en'
import fundPagesFr from './fund-pages.fr'
import practicesEn from './practices.en'
import practicesFr from './practices.fr'
import projectErrorsEn from './project-errors.en'
import projectErrorsFr from './project-errors.fr'
import projectPagesEn from './project-pages.en'
import projectPagesFr from './project-pages.fr'
import projectTermsEn from './project-terms.en'
import projectTermsFr from './project-terms.fr'
import reportingEn from './reporting.en'
import reportingFr from './reporting.fr'
import requestsEn from './requests.en'
import requestsFr from './requests.fr'
import workspaceEn from './workspace.en'
import workspaceFr from './workspace.fr'

/**
 * Every UI string, by language. Each area of the product keeps its strings in a pair of files
 * (`<area>.en.ts`, `<area>.fr.ts`, the French typed against the English so no key is missing) merged here
 * into the one `common` namespace.
 */
export const messages = {
  en: { ...en, ...reportingEn, ...requestsEn, ...browseEn, ...matchesEn, ...matchingEn, ...projectTermsEn, ...projectErrorsEn, ...fundErrorsEn, ...projectPagesEn, ...fundAdminEn, ...fundPagesEn, ...workspaceEn, ...practicesEn, ...dashboardsEn, ...developersEn },
  fr: { ...fr, ...reportingFr, ...requestsFr, ...browseFr, ...matchesFr, ...matchingFr, ...projectTermsFr, ...projectErrorsFr, ...fundErrorsFr, ...projectPagesFr, ...fundAdminFr, ...fundPagesFr, ...workspaceFr, ...practicesFr, ...dashboardsFr, ...developersFr },
}

/** Type for an area's French file: the same keys as its English file, every value a string. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> }
