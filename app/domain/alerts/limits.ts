/** Limits of saved searches, shared by the forms and the rules (browser-safe). */

/** No one needs more; a runaway client cannot make the jobs' work grow without bound. */
export const MAX_SAVED_SEARCHES = 50
export const MAX_ALERT_NAME = 120
