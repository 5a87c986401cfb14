/**
 * Every internal address the Hub links to, built in one place: routes, components, notifications and emails all
 * ask here, so renaming a route is one edit and a link cannot drift from the route it points at (a test checks
 * every address below against `app/routes/`). Absolute links (emails, feeds, the open data) join a path with
 * the configured public origin through `absoluteUrl`.
 */

type Query = Record<string, string | number | boolean | null | undefined>

/** `path?k=v…` without the empty values, so optional filters leave no `k=` behind. */
export function withQuery(path: string, query: Query = {}) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

const segment = (value: string | number) => encodeURIComponent(String(value))

export type WorkspaceSection = 'steering' | 'workplan' | 'reporting' | 'documents' | 'thread'

export const urls = {
  home: () => '/',
  login: (redirectTo?: string) => withQuery('/login', { redirectTo }),
  /** The second step of signing in, for an account with a second factor. */
  loginSecondFactor: (redirectTo?: string) => withQuery('/login/two-factor', { redirectTo }),
  logout: () => '/logout',
  signup: () => '/signup',
  forgotPassword: () => '/forgot-password',
  verifyEmail: () => '/verify-email',
  language: () => '/language',
  account: () => '/account',
  accountPassword: () => '/account/password',
  accountSessions: () => '/account/sessions',
  /** Which kinds of event email this person, and which only appear in the Hub. */
  accountNotifications: () => '/account/notifications',
  accountTwoFactor: () => '/account/two-factor',
  /** Step-up: the password or a code again before a sensitive step, then back to `redirectTo`. */
  confirmIdentity: (redirectTo?: string) => withQuery('/account/confirm', { redirectTo }),
  dashboard: () => '/dashboard',
  dashboards: (query?: Query) => withQuery('/dashboards', query),
  notifications: () => '/notifications',
  alerts: () => '/alerts',
  /** An alert email's unsubscribe link: needs no sign-in; a POST to it stops the alert (RFC 8058). */
  alertUnsubscribe: (token: string) => `/alerts/unsubscribe/${segment(token)}`,

  requests: (query?: Query) => withQuery('/requests', query),
  request: (id: string) => `/requests/${segment(id)}`,
  requestEdit: (id: string) => `/requests/${segment(id)}/edit`,
  requestInterest: (id: string) => `/requests/${segment(id)}/interest`,
  /** The Atom feed of a search of requests (the same parameters as `/requests`). */
  requestsFeed: (query?: Query) => withQuery('/requests.atom', query),

  offers: (query?: Query) => withQuery('/offers', query),
  offer: (id: string) => `/offers/${segment(id)}`,
  offerEdit: (id: string) => `/offers/${segment(id)}/edit`,
  /** The Atom feed of a search of offers (the same parameters as `/offers`). */
  offersFeed: (query?: Query) => withQuery('/offers.atom', query),

  practices: (query?: Query) => withQuery('/practices', query),
  practice: (id: string) => `/practices/${segment(id)}`,
  practiceEdit: (id: string) => `/practices/${segment(id)}/edit`,

  developers: () => '/developers',

  objectives: () => '/objectives',
  objective: (number: number | string) => `/objectives/${segment(number)}`,

  organizations: () => '/orgs',
  newOrganization: () => '/orgs/new',
  organization: (slug: string) => `/orgs/${segment(slug)}`,
  organizationEdit: (slug: string) => `/orgs/${segment(slug)}/edit`,
  /** What the organisation works on: the matching service suggests requests from it. */
  organizationProfile: (slug: string) => `/orgs/${segment(slug)}/profile`,
  organizationInvite: (slug: string) => `/orgs/${segment(slug)}/invite`,
  organizationMember: (slug: string, userId: string) => `/orgs/${segment(slug)}/members/${segment(userId)}`,
  organizationInvitation: (slug: string, invitationId: string) => `/orgs/${segment(slug)}/invitations/${segment(invitationId)}`,
  newRequest: (slug: string) => `/orgs/${segment(slug)}/requests/new`,
  newOffer: (slug: string) => `/orgs/${segment(slug)}/offers/new`,
  newPractice: (slug: string) => `/orgs/${segment(slug)}/practices/new`,
  invitation: (token: string) => `/invitations/${segment(token)}`,

  match: (id: string) => `/matches/${segment(id)}`,
  matchProject: (id: string) => `/matches/${segment(id)}/project`,

  projects: (query?: Query) => withQuery('/projects', query),
  project: (id: string) => `/projects/${segment(id)}`,
  projectTimeline: (id: string) => `/projects/${segment(id)}/timeline`,
  projectWorkspace: (id: string, section?: WorkspaceSection | string) =>
    `/projects/${segment(id)}/workspace${section ? `#${section}` : ''}`,
  projectDocuments: (id: string) => `/projects/${segment(id)}/documents`,
  projectDocument: (id: string, documentId: string) => `/projects/${segment(id)}/documents/${segment(documentId)}`,
  projectMilestone: (id: string, milestoneId: string) => `/projects/${segment(id)}/milestones/${segment(milestoneId)}`,
  projectUpdate: (id: string, updateId: string) => `/projects/${segment(id)}/updates/${segment(updateId)}`,
  projectNewUpdate: (id: string) => `/projects/${segment(id)}/updates/new`,
  projectFinalReport: (id: string) => `/projects/${segment(id)}/final-report`,
  projectFunding: (id: string) => `/projects/${segment(id)}/funding`,

  fund: () => '/fund',
  fundContribute: () => '/fund/contribute',
  fundContribution: (id: string, query?: Query) => withQuery(`/fund/contributions/${segment(id)}`, query),
  fundMine: () => '/fund/mine',
  secretariatRequests: () => '/secretariat/requests',
  secretariatMatches: () => '/secretariat/matches',
  secretariatProjects: () => '/secretariat/projects',
  secretariatPractices: () => '/secretariat/practices',
  secretariatVerification: () => '/secretariat/verification',
  secretariatFund: () => '/secretariat/fund',
  secretariatAllocate: (query?: Query) => withQuery('/secretariat/fund/allocate', query),
  secretariatMail: () => '/secretariat/mail',

  /** The demo mail outbox (never served in production). */
  devOutbox: () => '/dev/outbox',

  /** The open-data API: `api('/requests')` is `/api/v1/requests`. */
  api: (path: `/${string}`, query?: Query) => withQuery(`/api/v1${path}`, query),
} as const

/** An internal path as an absolute URL under the configured public origin (for emails, feeds and the API). */
export function absoluteUrl(origin: string, path: string) {
  // Joined as text, not parsed: the demo loader and some tests pass no origin, and their links stay relative.
  return `${origin}${path}`
}
