import type { Body } from './harness'
import { personas, type Persona, type World } from './world'

/** What a persona gets: a status, or `'login'` for the redirect to the login page that private pages give visitors. */
export type Expected = number | 'login'
export type PersonaMap = Record<Persona, Expected>

export interface Case {
  url: (w: World) => string
  /** A valid body for the intent (so that a refusal is about permission, not input); may depend on who sends it. */
  body?: (w: World, p: Persona) => Body
  headers?: Record<string, string>
  expect: PersonaMap
  /**
   * Personas whose POST must change nothing stored, though it is allowed through (2xx/3xx): a step that answers with
   * the page again or a flash (a 409 shown as a message). Any other allowed POST must change something.
   */
  quiet?: readonly Persona[]
}

/**
 * One route of the manifest: what a GET gets, and for a route with an action each intent it accepts (`POST` for a
 * route with a single form). `dispatch` names the field a route with several intents dispatches on (`intent`).
 */
export interface RouteRow {
  GET: Case
  /** By intent; a second body for the same intent is a variant: `'pledge for the donor organisation'`. */
  POST?: Record<string, Case>
  dispatch?: string
  /** What a POST with an intent the route does not know gets, when that is not a 400 (say why). */
  unknownIntent?: { status: number; why: string }
}

/** The intent a POST row sends: its label up to the first space. */
export const intentOf = (label: string) => label.split(' ')[0]!

export const staff = ['secretariat', 'admin'] as const satisfies readonly Persona[]
export const signedInPersonas = personas.filter((p) => p !== 'visitor')

const fill = (status: (p: Persona) => Expected) => Object.fromEntries(personas.map((p) => [p, status(p)])) as PersonaMap

/** The same answer for everyone. */
export const everyone = (status: Expected) => fill(() => status)

/** Everyone signed in gets `status`; the visitor is sent to log in. */
export const signedIn = (status: Expected) => fill((p) => (p === 'visitor' ? 'login' : status))

/** The `allowed` personas get `status`, every other signed-in persona `denied`, and the visitor `visitor` (login by default). */
export const only = (allowed: readonly Persona[], status: Expected, denied: Expected, visitor: Expected = 'login') =>
  fill((p) => (allowed.includes(p) ? status : p === 'visitor' ? visitor : denied))

/** The same answer for the secretariat and the admin (spread over another map). */
export const forStaff = (status: Expected) => ({ secretariat: status, admin: status })

const projectParties: readonly Persona[] = ['state', 'implementer', 'donor', ...staff]

/**
 * A step in a project (the active one unless the row says otherwise): the `allowed` get `status`; the project's
 * other parties, who know it, 403; anyone else 404 (its workspace is not revealed); visitors log in.
 */
export const projectStep = (allowed: readonly Persona[], status: Expected = 302) =>
  fill((p) => (allowed.includes(p) ? status : p === 'visitor' ? 'login' : projectParties.includes(p) ? 403 : 404))

/** A form body from plain fields. */
export const form = (fields: Record<string, string | number>): Body => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]))

/** A multipart body: the fields and one small PDF under `file`. */
export function withFile(fields: Record<string, string>): Body {
  const data = new FormData()
  for (const [k, v] of Object.entries(fields)) data.set(k, v)
  data.set('file', new File([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')], 'evidence.pdf', { type: 'application/pdf' }))
  return data
}

export const isAllowed = (expected: Expected) => typeof expected === 'number' && expected < 400
