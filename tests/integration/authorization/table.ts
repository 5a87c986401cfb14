import { randomUUID } from 'node:crypto'
import { DEFAULT_PASSWORD } from '../../factories'
import { newTotpKey, totpCodeAt, totpKeyText } from '~/domain/accounts/second-factor'
import { urls } from '~/utils/urls'
import { everyone, forStaff, form, only, projectStep, signedIn, signedInPersonas, staff, withFile, type RouteRow } from './expectations'
import { actingOrganization, freshEmail, personas, practiceStory, type Persona, type World } from './world'

/*
 * The authorization matrix: every route of the manifest, keyed by its Remix route id. A new route needs a row
 * here (GET, and under POST each intent its action accepts, with a valid body); the test says which.
 * `only([...allowed], status, denied)` reads: those personas get `status`, other signed-in ones `denied`, visitors
 * the login page. Every `expect` records what the Hub does today; the report of the matrix says which were judged.
 */

const parties = ['state', 'implementer', 'donor', ...staff] as const
const requestFields = { title: 'Request written in the matrix', summary: 'Support to design and pilot a course with the ministry.', countries: 'BGD', primaryObjective: 3, supportTypes: 'capacity_building', languages: 'en' }
const offerFields = { kind: 'expertise', title: 'Offer written in the matrix', summary: 'Trainers who have run orientation courses.', primaryObjective: 3, regions: '142', supportTypes: 'capacity_building', languages: 'en' }
const practiceFields = { title: 'Practice written in the matrix', ...practiceStory, objectives: '3', countries: 'BGD' }
const reportFields = { results: 'Two hundred workers trained in four districts.', lessons: 'Evening courses reached more women than by day.', sustainability: 'The ministry runs the course from its own budget.' }
const updateFields = { periodStart: '2030-01-01', periodEnd: '2030-03-31', narrative: 'Two courses held; the third moved to April.' }
/** The side of a match a persona would answer for. */
/** A second factor to turn on: a new key, and the code an authenticator app would show for it now. */
const enrolment = () => {
  const key = newTotpKey()
  return form({ intent: 'enrol', key: totpKeyText(key), code: totpCodeAt(key, new Date()) })
}
const sideOf = (p: Persona, withdrawing = false) => (p === 'partner' ? 'provider' : withdrawing && (p === 'secretariat' || p === 'admin') ? 'secretariat' : 'request')
/** The pending organisation as the verification page shows it. */
const reviewed = (w: World) => ({ organizationId: w.pendingOrg.id, version: w.pendingOrg.version, name: w.pendingOrg.name })
const slug = (w: World, org: keyof World['orgs']) => w.orgs[org].slug

export const table: Record<string, RouteRow> = {
  root: { GET: { url: () => urls.home(), expect: everyone(200) } },
  'routes/$': { GET: { url: () => '/no-such-page', expect: everyone(404) } },
  'routes/_index': { GET: { url: () => urls.home(), expect: everyone(200) } },
  'routes/healthz': { GET: { url: () => '/healthz', expect: everyone(200) } },
  'routes/favicon[.]ico': { GET: { url: () => '/favicon.ico', expect: everyone(301) } },
  'routes/developers': { GET: { url: () => urls.developers(), expect: everyone(200) } },
  'routes/dashboards': { GET: { url: () => urls.dashboards(), expect: everyone(200) } },
  'routes/dev.outbox': { GET: { url: () => urls.devOutbox(), expect: everyone(404) } },
  'routes/objectives._index': { GET: { url: () => urls.objectives(), expect: everyone(200) } },
  'routes/objectives.$number': { GET: { url: () => urls.objective(3), expect: everyone(200) } },

  // The open data: public, and never a hidden item.
  'routes/api.v1.taxonomy': { GET: { url: () => urls.api('/taxonomy'), expect: everyone(200) } },
  'routes/api.v1.openapi[.]json': { GET: { url: () => urls.api('/openapi.json'), expect: everyone(200) } },
  'routes/api.v1.dashboards': { GET: { url: () => urls.api('/dashboards'), expect: everyone(200) } },
  'routes/api.v1.fund': { GET: { url: () => urls.api('/fund'), expect: everyone(200) } },
  'routes/api.v1.fund.transactions[.]csv': { GET: { url: () => urls.api('/fund/transactions.csv'), expect: everyone(200) } },
  'routes/api.v1.iati.activities[.]xml': { GET: { url: () => urls.api('/iati/activities.xml'), expect: everyone(200) } },
  'routes/api.v1.requests': { GET: { url: () => urls.api('/requests'), expect: everyone(200) } },
  'routes/api.v1.requests[.]csv': { GET: { url: () => urls.api('/requests.csv'), expect: everyone(200) } },
  'routes/api.v1.requests.$id': { GET: { url: (w) => urls.api(`/requests/${w.requests.draft}`), expect: everyone(404) } },
  'routes/api.v1.offers': { GET: { url: () => urls.api('/offers'), expect: everyone(200) } },
  'routes/api.v1.offers[.]csv': { GET: { url: () => urls.api('/offers.csv'), expect: everyone(200) } },
  'routes/api.v1.offers.$id': { GET: { url: (w) => urls.api(`/offers/${w.offers.draft}`), expect: everyone(404) } },
  'routes/api.v1.projects': { GET: { url: () => urls.api('/projects'), expect: everyone(200) } },
  'routes/api.v1.projects[.]csv': { GET: { url: () => urls.api('/projects.csv'), expect: everyone(200) } },
  'routes/api.v1.projects.$id': { GET: { url: (w) => urls.api(`/projects/${w.projects.active}`), expect: everyone(404) } },
  'routes/api.v1.practices': { GET: { url: () => urls.api('/practices'), expect: everyone(200) } },
  'routes/api.v1.practices[.]csv': { GET: { url: () => urls.api('/practices.csv'), expect: everyone(200) } },
  'routes/api.v1.practices.$id': { GET: { url: (w) => urls.api(`/practices/${w.practices.draft}`), expect: everyone(404) } },

  // Accounts and sessions.
  'routes/login': {
    GET: { url: () => urls.login(), expect: { ...signedIn(302), visitor: 200 } },
    POST: { POST: { url: () => urls.login(), body: (w) => form({ email: w.people.state.email, password: DEFAULT_PASSWORD }), expect: everyone(302) } },
  },
  'routes/signup': {
    GET: { url: () => urls.signup(), expect: { ...signedIn(302), visitor: 200 } },
    POST: { POST: { url: () => urls.signup(), body: () => form({ displayName: 'Matrix Newcomer', email: freshEmail(), password: 'a long enough passphrase' }), expect: { ...signedIn(302), visitor: 200 }, quiet: signedInPersonas } },
  },
  'routes/logout': { GET: { url: () => urls.logout(), expect: everyone(302) }, POST: { POST: { url: () => urls.logout(), expect: everyone(302), quiet: ['visitor'] } } },
  'routes/language': {
    GET: { url: () => urls.language(), expect: everyone(302) },
    POST: { POST: { url: () => urls.language(), body: () => form({ lng: 'fr', redirectTo: urls.requests() }), expect: everyone(302), quiet: ['visitor'] } },
  },
  'routes/forgot-password': {
    GET: { url: () => urls.forgotPassword(), expect: everyone(200) },
    POST: { POST: { url: () => urls.forgotPassword(), body: (w) => form({ email: w.colleague.email }), expect: everyone(200) } },
  },
  'routes/reset-password': {
    GET: { url: (w) => `/reset-password?token=${w.resetToken}`, expect: everyone(200) },
    POST: { POST: { url: () => '/reset-password', body: (w) => form({ token: w.resetToken, password: 'a new long passphrase', confirmPassword: 'a new long passphrase' }), expect: everyone(302) } },
  },
  'routes/verify-email': {
    GET: { url: () => urls.verifyEmail(), expect: everyone(400) },
    POST: { POST: { url: () => urls.verifyEmail(), expect: signedIn(302), quiet: ['outsider', 'state', 'partner', 'donor', 'implementer', 'secretariat', 'admin'] } },
  },
  // The second factor. No persona has one: a partial session (password given, code not yet) is nobody's here, so the
  // code page sends everyone on (the signed-in to the dashboard, the visitor to log in) and stores nothing.
  'routes/login_.two-factor': {
    GET: { url: () => urls.loginSecondFactor(), expect: everyone(302) },
    POST: { POST: { url: () => urls.loginSecondFactor(), body: () => form({ kind: 'totp', code: '123456' }), expect: everyone(302), quiet: [...personas] } },
  },
  'routes/account.two-factor': {
    GET: { url: () => urls.accountTwoFactor(), expect: signedIn(200) },
    dispatch: 'intent',
    POST: {
      enrol: { url: () => urls.accountTwoFactor(), body: () => enrolment(), expect: signedIn(200) },
      // Nobody has a second factor to renew or turn off: the page says so (a flash) and nothing is stored. Turning it
      // off is behind the step-up, which the personas' fresh sessions pass.
      regenerate: { url: () => urls.accountTwoFactor(), body: () => form({ intent: 'regenerate' }), expect: signedIn(302), quiet: signedInPersonas },
      disable: { url: () => urls.accountTwoFactor(), body: () => form({ intent: 'disable' }), expect: signedIn(302), quiet: signedInPersonas },
    },
  },
  'routes/account_.confirm': {
    GET: { url: () => urls.confirmIdentity(urls.account()), expect: signedIn(200) },
    POST: { POST: { url: () => urls.confirmIdentity(urls.account()), body: () => form({ method: 'password', password: DEFAULT_PASSWORD, redirectTo: urls.account() }), expect: signedIn(302) } },
  },
  'routes/account': { GET: { url: () => urls.account(), expect: signedIn(200) } },
  'routes/account._index': {
    GET: { url: () => urls.account(), expect: signedIn(200) },
    POST: { POST: { url: () => urls.account(), body: () => form({ displayName: 'Renamed in the matrix', locale: 'fr' }), expect: signedIn(302) } },
  },
  'routes/account.password': {
    GET: { url: () => urls.accountPassword(), expect: signedIn(200) },
    POST: { POST: { url: () => urls.accountPassword(), body: () => form({ currentPassword: DEFAULT_PASSWORD, newPassword: 'another long passphrase', confirmPassword: 'another long passphrase' }), expect: signedIn(302) } },
  },
  'routes/account.sessions': {
    GET: { url: () => urls.accountSessions(), expect: signedIn(200) },
    POST: { POST: { url: () => urls.accountSessions(), body: (w) => form({ sessionId: w.spareSessionId }), expect: only(['state'], 302, 404) } },
  },
  'routes/account.notifications': {
    GET: { url: () => urls.accountNotifications(), expect: signedIn(200) },
    POST: { POST: { url: () => urls.accountNotifications(), body: () => form({ email: 'matches' }), expect: signedIn(302) } },
  },
  'routes/notifications': {
    GET: { url: () => urls.notifications(), expect: signedIn(200) },
    POST: { POST: { url: () => urls.notifications(), body: (w) => form({ id: w.noticeId }), expect: signedIn(302), quiet: ['unverified', 'outsider', 'partner', 'donor', 'implementer', 'secretariat', 'admin'] } },
  },
  // Saved searches: each person's own; anyone may save one (alerts go to verified addresses only). The unsubscribe
  // link needs no sign-in: its token is the proof, and it only pauses the alerts it was mailed for.
  'routes/alerts': {
    GET: { url: () => urls.alerts(), expect: signedIn(200) },
    dispatch: 'intent',
    POST: {
      create: { url: () => urls.alerts(), body: () => form({ intent: 'create', search: `/requests?q=matrix${randomUUID().slice(0, 8)}`, frequency: 'daily' }), expect: signedIn(302) },
      rename: { url: () => urls.alerts(), body: (w) => form({ intent: 'rename', id: w.alert.id, name: 'Renamed in the matrix' }), expect: only(['state'], 302, 404) },
      frequency: { url: () => urls.alerts(), body: (w) => form({ intent: 'frequency', id: w.alert.id, frequency: 'weekly' }), expect: only(['state'], 302, 404) },
      pause: { url: () => urls.alerts(), body: (w) => form({ intent: 'pause', id: w.alert.id }), expect: only(['state'], 302, 404) },
      resume: { url: () => urls.alerts(), body: (w) => form({ intent: 'resume', id: w.alert.id }), expect: only(['state'], 302, 404) },
      delete: { url: () => urls.alerts(), body: (w) => form({ intent: 'delete', id: w.alert.id }), expect: only(['state'], 302, 404) },
    },
  },
  'routes/alerts_.unsubscribe.$token': {
    GET: { url: (w) => urls.alertUnsubscribe(w.alert.unsubscribeToken), expect: everyone(200) },
    POST: { POST: { url: (w) => urls.alertUnsubscribe(w.alert.unsubscribeToken), body: () => form({ 'List-Unsubscribe': 'One-Click' }), expect: everyone(200) } },
  },
  'routes/dashboard': { GET: { url: () => urls.dashboard(), expect: signedIn(200) } },
  'routes/invitations.$token': {
    GET: { url: (w) => urls.invitation(w.invitation.token), expect: everyone(200) },
    POST: { POST: { url: (w) => urls.invitation(w.invitation.token), expect: only(['outsider'], 302, 403) } },
  },

  // Organisations (the State's, whose focal point owns it).
  'routes/orgs._index': { GET: { url: () => urls.organizations(), expect: signedIn(200) } },
  'routes/orgs.new': {
    GET: { url: () => urls.newOrganization(), expect: signedIn(200) },
    POST: { POST: { url: () => urls.newOrganization(), body: () => form({ name: `Matrix Organisation ${randomUUID().slice(0, 8)}`, type: 'civil_society' }), expect: { ...signedIn(302), unverified: 403 } } },
  },
  'routes/orgs.$slug._index': { GET: { url: (w) => urls.organization(slug(w, 'state')), expect: only(['state', ...staff], 200, 403) } },
  'routes/orgs.$slug.edit': {
    GET: { url: (w) => urls.organizationEdit(slug(w, 'state')), expect: only(['state'], 200, 403) },
    POST: { POST: { url: (w) => urls.organizationEdit(slug(w, 'state')), body: (w) => form({ name: w.orgs.state.name, type: 'state', country: 'BGD', description: 'Edited in the matrix.' }), expect: only(['state'], 302, 403) } },
  },
  'routes/orgs.$slug.profile': {
    GET: { url: (w) => urls.organizationProfile(slug(w, 'partner')), expect: only(['partner'], 200, 403) },
    POST: { POST: { url: (w) => urls.organizationProfile(slug(w, 'partner')), body: () => form({ objectives: '3', supportTypes: 'capacity_building', languages: 'en' }), expect: only(['partner'], 302, 403) } },
  },
  'routes/orgs.$slug.invite': {
    GET: { url: (w) => urls.organizationInvite(slug(w, 'state')), expect: only(['state'], 200, 403) },
    POST: { POST: { url: (w) => urls.organizationInvite(slug(w, 'state')), body: () => form({ email: freshEmail(), role: 'member' }), expect: only(['state'], 302, 403) } },
  },
  'routes/orgs.$slug.invitations.$invitationId': {
    GET: { url: (w) => urls.organizationInvitation(slug(w, 'state'), w.invitation.id), expect: everyone(302) },
    POST: { POST: { url: (w) => urls.organizationInvitation(slug(w, 'state'), w.invitation.id), expect: only(['state'], 302, 403) } },
  },
  'routes/orgs.$slug.members.$userId': {
    GET: { url: (w) => urls.organizationMember(slug(w, 'state'), w.colleague.id), expect: everyone(302) },
    dispatch: 'intent',
    POST: {
      role: { url: (w) => urls.organizationMember(slug(w, 'state'), w.colleague.id), body: () => form({ intent: 'role', role: 'admin' }), expect: only(['state'], 302, 403) },
      remove: { url: (w) => urls.organizationMember(slug(w, 'state'), w.colleague.id), body: () => form({ intent: 'remove' }), expect: only(['state'], 302, 403) },
    },
  },
  'routes/orgs.$slug.requests.new': {
    GET: { url: (w) => urls.newRequest(slug(w, 'state')), expect: only(['state'], 200, 403) },
    dispatch: 'intent',
    POST: {
      save: { url: (w) => urls.newRequest(slug(w, 'state')), body: () => form({ ...requestFields, intent: 'save' }), expect: only(['state'], 302, 403) },
      submit: { url: (w) => urls.newRequest(slug(w, 'state')), body: () => form({ ...requestFields, intent: 'submit' }), expect: only(['state'], 302, 403) },
    },
  },
  'routes/orgs.$slug.offers.new': {
    GET: { url: (w) => urls.newOffer(slug(w, 'partner')), expect: only(['partner'], 200, 403) },
    dispatch: 'intent',
    POST: {
      save: { url: (w) => urls.newOffer(slug(w, 'partner')), body: () => form({ ...offerFields, intent: 'save' }), expect: only(['partner'], 302, 403) },
      publish: { url: (w) => urls.newOffer(slug(w, 'partner')), body: () => form({ ...offerFields, intent: 'publish' }), expect: only(['partner'], 302, 403) },
    },
  },
  'routes/orgs.$slug.practices.new': {
    GET: { url: (w) => urls.newPractice(slug(w, 'partner')), expect: only(['partner'], 200, 403) },
    dispatch: 'intent',
    POST: {
      save: { url: (w) => urls.newPractice(slug(w, 'partner')), body: () => form({ ...practiceFields, intent: 'save' }), expect: only(['partner'], 302, 403) },
      submit: { url: (w) => urls.newPractice(slug(w, 'partner')), body: () => form({ ...practiceFields, intent: 'submit' }), expect: only(['partner'], 302, 403) },
    },
  },

  // Requests (a draft unless the step needs another status), offers and practices.
  'routes/requests._index': { GET: { url: () => urls.requests(), expect: everyone(200) } },
  'routes/requests[.]atom': { GET: { url: () => urls.requestsFeed(), expect: everyone(200) } },
  'routes/requests.$id': {
    GET: { url: (w) => urls.request(w.requests.draft), expect: only(['state', ...staff], 200, 404, 404) },
    dispatch: 'intent',
    POST: {
      submit: { url: (w) => urls.request(w.requests.draft), body: () => form({ intent: 'submit' }), expect: { ...only(['state'], 302, 404), ...forStaff(403) } },
      // A published request is public, yet a stranger's step on it is a 404 like a draft's: harmless.
      withdraw: { url: (w) => urls.request(w.requests.published), body: () => form({ intent: 'withdraw' }), expect: { ...only(['state'], 302, 404), ...forStaff(403) } },
      close: { url: (w) => urls.request(w.requests.published), body: () => form({ intent: 'close' }), expect: only(['state', ...staff], 302, 404) },
      publish: { url: (w) => urls.request(w.requests.submitted), body: () => form({ intent: 'publish' }), expect: { ...only(staff, 302, 404), state: 403 } },
      return: { url: (w) => urls.request(w.requests.submitted), body: () => form({ intent: 'return', comments: 'Please name the districts concerned.' }), expect: { ...only(staff, 302, 404), state: 403 } },
    },
  },
  'routes/requests.$id_.edit': {
    GET: { url: (w) => urls.requestEdit(w.requests.draft), expect: { ...only(['state'], 200, 404), ...forStaff(403) } },
    POST: { POST: { url: (w) => urls.requestEdit(w.requests.draft), body: () => form(requestFields), expect: { ...only(['state'], 302, 404), ...forStaff(403) } } },
  },
  'routes/requests.$id_.interest': {
    GET: { url: (w) => urls.requestInterest(w.requests.open), expect: only(['outsider', 'partner', 'donor', 'implementer'], 200, 403) },
    POST: {
      POST: {
        url: (w) => urls.requestInterest(w.requests.open),
        body: (w, p) => form({ providerId: actingOrganization(w, p), message: 'We can run these courses with the ministry.' }),
        expect: only(['outsider', 'partner', 'donor', 'implementer'], 302, 403),
      },
    },
  },
  'routes/offers._index': { GET: { url: () => urls.offers(), expect: everyone(200) } },
  'routes/offers[.]atom': { GET: { url: () => urls.offersFeed(), expect: everyone(200) } },
  'routes/offers.$id': {
    GET: { url: (w) => urls.offer(w.offers.draft), expect: only(['partner', ...staff], 200, 404, 404) },
    dispatch: 'intent',
    POST: {
      // A draft is a 404 to those who may not read it, as on GET; the staff, who may, get a 403.
      publish: { url: (w) => urls.offer(w.offers.draft), body: () => form({ intent: 'publish' }), expect: { ...only(['partner'], 302, 404), ...forStaff(403) } },
      pause: { url: (w) => urls.offer(w.offers.active), body: () => form({ intent: 'pause' }), expect: only(['partner'], 302, 403) },
      resume: { url: (w) => urls.offer(w.offers.paused), body: () => form({ intent: 'resume' }), expect: only(['partner'], 302, 403) },
      close: { url: (w) => urls.offer(w.offers.active), body: () => form({ intent: 'close' }), expect: only(['partner'], 302, 403) },
    },
  },
  'routes/offers.$id_.edit': {
    GET: { url: (w) => urls.offerEdit(w.offers.draft), expect: { ...only(['partner'], 200, 404), ...forStaff(403) } },
    POST: { POST: { url: (w) => urls.offerEdit(w.offers.draft), body: () => form(offerFields), expect: { ...only(['partner'], 302, 404), ...forStaff(403) } } },
  },
  'routes/practices._index': { GET: { url: () => urls.practices(), expect: everyone(200) } },
  'routes/practices.$id': {
    GET: { url: (w) => urls.practice(w.practices.draft), expect: only(['partner', ...staff], 200, 404, 404) },
    dispatch: 'intent',
    POST: {
      submit: { url: (w) => urls.practice(w.practices.draft), body: () => form({ intent: 'submit' }), expect: { ...only(['partner'], 302, 404), ...forStaff(403) } },
      withdraw: { url: (w) => urls.practice(w.practices.pending), body: () => form({ intent: 'withdraw' }), expect: { ...only(['partner'], 302, 404), ...forStaff(403) } },
      review: { url: (w) => urls.practice(w.practices.pending), body: () => form({ intent: 'review', decision: 'publish' }), expect: { ...only(staff, 302, 404), partner: 403 } },
    },
  },
  'routes/practices.$id_.edit': {
    GET: { url: (w) => urls.practiceEdit(w.practices.draft), expect: { ...only(['partner'], 200, 404), ...forStaff(403) } },
    dispatch: 'intent',
    POST: {
      save: { url: (w) => urls.practiceEdit(w.practices.draft), body: () => form({ ...practiceFields, intent: 'save' }), expect: { ...only(['partner'], 302, 404), ...forStaff(403) } },
      submit: { url: (w) => urls.practiceEdit(w.practices.draft), body: () => form({ ...practiceFields, intent: 'submit' }), expect: { ...only(['partner'], 302, 404), ...forStaff(403) } },
    },
  },

  // Matches.
  'routes/matches.$id': {
    GET: { url: (w) => urls.match(w.openMatch), expect: only(['state', 'partner', ...staff], 200, 404) },
    dispatch: 'decision',
    POST: {
      accept: { url: (w) => urls.match(w.openMatch), body: (_w, p) => form({ decision: 'accept', side: sideOf(p) }), expect: { ...only(['state'], 302, 404), partner: 409, ...forStaff(403) } },
      decline: { url: (w) => urls.match(w.openMatch), body: (_w, p) => form({ decision: 'decline', side: sideOf(p), reason: 'The timing does not suit us.' }), expect: { ...only(['state', 'partner'], 302, 404), ...forStaff(403) } },
      withdraw: { url: (w) => urls.match(w.openMatch), body: (_w, p) => form({ decision: 'withdraw', side: sideOf(p, true) }), expect: only(['state', 'partner', ...staff], 302, 404) },
    },
  },
  'routes/matches.$id_.project': {
    // The implementer, the match's other side, gets the same 404 as a stranger: only the State and the secretariat set up.
    GET: { url: (w) => urls.matchProject(w.setupMatch), expect: only(['state', ...staff], 200, 404) },
    POST: {
      POST: {
        url: (w) => urls.matchProject(w.setupMatch),
        body: () => form({ title: 'Project set up in the matrix', summary: 'A pilot course with the ministry of labour.', startDate: '2030-01-01', endDate: '2030-12-31', budgetAmount: 50000, budgetCurrency: 'USD', reportingMonths: 3 }),
        expect: only(['state', ...staff], 302, 404),
      },
    },
  },

  // Projects: the active one is not published; its parties are the State, the implementer and the donor (a funder).
  'routes/projects._index': { GET: { url: () => urls.projects(), expect: everyone(200) } },
  'routes/projects.$id': { GET: { url: (w) => urls.project(w.projects.active), expect: only(parties, 200, 404, 404) } },
  'routes/projects.$id_.timeline': { GET: { url: (w) => urls.projectTimeline(w.projects.active), expect: only(parties, 200, 404, 404) } },
  'routes/projects.$id_.workspace': {
    GET: { url: (w) => urls.projectWorkspace(w.projects.active), expect: only(parties, 200, 404) },
    dispatch: 'intent',
    POST: {
      transition: { url: (w) => urls.projectWorkspace(w.projects.active), body: () => form({ intent: 'transition', action: 'hold', reason: 'The ministry asked for a pause.' }), expect: projectStep(staff) },
      publish: { url: (w) => urls.projectWorkspace(w.projects.active), body: () => form({ intent: 'publish', published: 'true' }), expect: projectStep(staff) },
      // The domain lets the secretariat shape the workplan too (workplan.server.ts); only the implementer submits it.
      addMilestone: { url: (w) => urls.projectWorkspace(w.projects.inception), body: () => form({ intent: 'addMilestone', title: 'Trainers trained', deliverable: 'Twenty trainers certified', dueDate: '2030-05-31' }), expect: projectStep(['implementer', ...staff]) },
      removeMilestone: { url: (w) => urls.projectWorkspace(w.projects.inception), body: (w) => form({ intent: 'removeMilestone', milestoneId: w.milestones.inception }), expect: projectStep(['implementer', ...staff]) },
      addIndicator: { url: (w) => urls.projectWorkspace(w.projects.inception), body: () => form({ intent: 'addIndicator', level: 'output', name: 'Trainers certified', unit: 'people', baseline: 0, target: 20 }), expect: projectStep(['implementer', ...staff]) },
      removeIndicator: { url: (w) => urls.projectWorkspace(w.projects.inception), body: (w) => form({ intent: 'removeIndicator', indicatorId: w.inceptionIndicator }), expect: projectStep(['implementer', ...staff]) },
      submitWorkplan: { url: (w) => urls.projectWorkspace(w.projects.inception), body: () => form({ intent: 'submitWorkplan' }), expect: projectStep(['implementer']) },
      reviewWorkplan: { url: (w) => urls.projectWorkspace(w.projects.workplanSubmitted), body: () => form({ intent: 'reviewWorkplan', decision: 'approve' }), expect: projectStep(staff) },
      postMessage: { url: (w) => urls.projectWorkspace(w.projects.active), body: () => form({ intent: 'postMessage', body: 'The venue is booked for March.' }), expect: only(parties, 302, 404) },
    },
  },
  'routes/projects.$id_.documents': {
    GET: { url: (w) => urls.projectDocuments(w.projects.active), expect: only(parties, 200, 404) },
    POST: { POST: { url: (w) => urls.projectDocuments(w.projects.active), body: () => withFile({}), expect: only(parties, 302, 404) } },
  },
  'routes/projects.$id_.documents.$documentId': { GET: { url: (w) => urls.projectDocument(w.projects.active, w.documentId), expect: only(parties, 200, 404) } },
  'routes/projects.$id_.milestones.$milestoneId': {
    GET: { url: (w) => urls.projectMilestone(w.projects.active, w.milestones.handedIn), expect: only(parties, 200, 404) },
    dispatch: 'intent',
    POST: {
      start: { url: (w) => urls.projectMilestone(w.projects.active, w.milestones.planned), body: () => form({ intent: 'start' }), expect: projectStep(['implementer']) },
      submit: { url: (w) => urls.projectMilestone(w.projects.active, w.milestones.underway), body: () => withFile({ intent: 'submit', evidence: 'The curriculum was validated with the ministry.' }), expect: projectStep(['implementer']) },
      review: { url: (w) => urls.projectMilestone(w.projects.active, w.milestones.handedIn), body: () => form({ intent: 'review', decision: 'approve' }), expect: projectStep(staff) },
      waive: { url: (w) => urls.projectMilestone(w.projects.active, w.milestones.planned), body: () => form({ intent: 'waive', reason: 'The ministry dropped this step.' }), expect: projectStep(staff) },
    },
  },
  'routes/projects.$id_.updates.new': {
    GET: { url: (w) => urls.projectNewUpdate(w.projects.active), expect: projectStep(['implementer'], 200) },
    dispatch: 'intent',
    POST: {
      save: { url: (w) => urls.projectNewUpdate(w.projects.active), body: () => form({ ...updateFields, intent: 'save' }), expect: projectStep(['implementer']) },
      submit: { url: (w) => urls.projectNewUpdate(w.projects.active), body: () => form({ ...updateFields, intent: 'submit' }), expect: projectStep(['implementer']) },
    },
  },
  'routes/projects.$id_.updates.$updateId': {
    GET: { url: (w) => urls.projectUpdate(w.projects.active, w.updates.pending), expect: only(parties, 200, 404) },
    dispatch: 'intent',
    POST: {
      save: { url: (w) => urls.projectUpdate(w.projects.active, w.updates.draft), body: () => form({ ...updateFields, intent: 'save' }), expect: projectStep(['implementer']) },
      submit: { url: (w) => urls.projectUpdate(w.projects.active, w.updates.draft), body: () => form({ ...updateFields, intent: 'submit' }), expect: projectStep(['implementer']) },
      review: { url: (w) => urls.projectUpdate(w.projects.active, w.updates.pending), body: () => form({ intent: 'review', decision: 'approve' }), expect: projectStep(staff) },
    },
  },
  'routes/projects.$id_.final-report': {
    GET: { url: (w) => urls.projectFinalReport(w.projects.done), expect: only(parties, 200, 404) },
    dispatch: 'intent',
    POST: {
      save: { url: (w) => urls.projectFinalReport(w.projects.done), body: () => form({ ...reportFields, intent: 'save' }), expect: projectStep(['implementer']) },
      submit: { url: (w) => urls.projectFinalReport(w.projects.done), body: () => form({ ...reportFields, intent: 'submit' }), expect: projectStep(['implementer']) },
      review: { url: (w) => urls.projectFinalReport(w.projects.reported), body: () => form({ intent: 'review', decision: 'approve' }), expect: projectStep(staff) },
      evaluate: { url: (w) => urls.projectFinalReport(w.projects.done), body: () => form({ intent: 'evaluate', rating: 4, comment: 'The course met its aims in every district.' }), expect: projectStep(['state']) },
      sharePractice: { url: (w) => urls.projectFinalReport(w.projects.closed), body: () => form({ intent: 'sharePractice' }), expect: projectStep(['state', 'implementer']) },
    },
  },

  // A funder the State named consents: an owner or admin of the organisation answers; to anyone else the invitation is a 404.
  'routes/projects.$id_.funding': {
    GET: { url: (w) => urls.projectFunding(w.projects.fundingInvited), expect: everyone(302) },
    dispatch: 'decision',
    POST: {
      accept: { url: (w) => urls.projectFunding(w.projects.fundingInvited), body: (w) => form({ organizationId: w.orgs.donor.id, decision: 'accept' }), expect: only(['donor'], 302, 404) },
      decline: { url: (w) => urls.projectFunding(w.projects.fundingInvited), body: (w) => form({ organizationId: w.orgs.donor.id, decision: 'decline' }), expect: only(['donor'], 302, 404) },
    },
  },

  // The fund.
  'routes/fund._index': { GET: { url: () => urls.fund(), expect: everyone(200) } },
  'routes/fund.mine': { GET: { url: () => urls.fundMine(), expect: signedIn(200) } },
  'routes/fund.contributions.$id': { GET: { url: (w) => urls.fundContribution(w.contributions.pledged), expect: only(['donor', ...staff], 200, 404) } },
  'routes/fund.contribute': {
    GET: { url: () => urls.fundContribute(), expect: signedIn(200) },
    dispatch: 'intent',
    POST: {
      card: { url: () => urls.fundContribute(), body: () => form({ intent: 'card', amount: 50, currency: 'USD', token: randomUUID() }), expect: signedIn(409) },
      // A pledge needs a verified email (each one notifies the whole secretariat).
      pledge: { url: () => urls.fundContribute(), body: () => form({ intent: 'pledge', amount: 1000, currency: 'USD', token: randomUUID() }), expect: { ...signedIn(302), unverified: 403 } },
      'pledge for the donor organisation': {
        url: () => urls.fundContribute(),
        body: (w) => form({ intent: 'pledge', amount: 1000, currency: 'USD', organizationId: w.orgs.donor.id, token: randomUUID() }),
        // Anyone else naming an organisation they do not belong to gets the form back (400), nothing stored.
        expect: only(['donor'], 302, 400),
      },
    },
  },
  'routes/webhooks.stripe': {
    GET: { url: () => '/webhooks/stripe', expect: everyone(405) },
    POST: { POST: { url: () => '/webhooks/stripe', body: () => form({}), headers: { 'Stripe-Signature': 't=1,v1=00' }, expect: everyone(404) } },
  },

  // The secretariat's pages.
  'routes/secretariat.requests': { GET: { url: () => urls.secretariatRequests(), expect: only(staff, 200, 403) } },
  'routes/secretariat.projects': { GET: { url: () => urls.secretariatProjects(), expect: only(staff, 200, 403) } },
  'routes/secretariat.mail': { GET: { url: () => urls.secretariatMail(), expect: only(staff, 200, 403) } },
  'routes/secretariat.matches': {
    GET: { url: () => urls.secretariatMatches(), expect: only(staff, 200, 403) },
    POST: { POST: { url: () => urls.secretariatMatches(), body: (w) => form({ requestId: w.requests.open, providerId: w.orgs.partner.id, note: 'Their trainers know the region.' }), expect: only(staff, 302, 403) } },
  },
  'routes/secretariat.verification': {
    GET: { url: () => urls.secretariatVerification(), expect: only(staff, 200, 403) },
    dispatch: 'intent',
    POST: {
      approve: { url: () => urls.secretariatVerification(), body: (w) => form({ intent: 'approve', ...reviewed(w) }), expect: only(staff, 302, 403) },
      // A decision names the version of the organisation the page showed: on another version nothing is decided, and
      // the page says why (the 409 becomes a flash, so a 302).
      'approve another version': { url: () => urls.secretariatVerification(), body: (w) => form({ intent: 'approve', ...reviewed(w), version: w.pendingOrg.version + 1 }), expect: only(staff, 302, 403), quiet: staff },
      reject: { url: () => urls.secretariatVerification(), body: (w) => form({ intent: 'reject', ...reviewed(w), reason: 'The registration documents are missing.' }), expect: only(staff, 302, 403) },
    },
  },
  'routes/secretariat.practices': {
    GET: { url: () => urls.secretariatPractices(), expect: only(staff, 200, 403) },
    dispatch: 'intent',
    POST: { review: { url: () => urls.secretariatPractices(), body: (w) => form({ intent: 'review', practiceId: w.practices.pending, decision: 'publish' }), expect: only(staff, 302, 403) } },
  },
  'routes/secretariat.fund': {
    GET: { url: () => urls.secretariatFund(), expect: only(staff, 200, 403) },
    dispatch: 'intent',
    POST: {
      receipt: { url: () => urls.secretariatFund(), body: (w) => form({ intent: 'receipt', contributionId: w.contributions.pledged, receivedOn: '2030-02-01', amount: 2500, usdAmount: 2500, reference: 'BANK-MATRIX-1' }), expect: only(staff, 302, 403) },
      reverse: { url: () => urls.secretariatFund(), body: (w) => form({ intent: 'reverse', allocationId: w.allocationId, reason: 'Allocated to the wrong project.' }), expect: only(staff, 302, 403) },
      void: { url: () => urls.secretariatFund(), body: (w) => form({ intent: 'void', contributionId: w.contributions.pledged, reason: 'The donor withdrew the pledge.' }), expect: only(staff, 302, 403) },
      threshold: { url: () => urls.secretariatFund(), body: () => form({ intent: 'threshold', thresholdUsd: 25000 }), expect: only(staff, 302, 403) },
    },
  },
  'routes/secretariat.fund_.allocate': {
    GET: { url: () => urls.secretariatAllocate(), expect: only(staff, 200, 403) },
    POST: { POST: { url: () => urls.secretariatAllocate(), body: (w) => form({ projectId: w.projects.active, pool: 'fund:unallocated', amountUsd: 100 }), expect: only(staff, 302, 403) } },
  },
}
