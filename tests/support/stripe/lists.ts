/** Stripe's list endpoints: newest first, `limit`, `created` ranges and `starting_after`/`ending_before` cursors. */
import { type TestAccount } from './account'
import { type EventObject, type StripeObject } from './objects'
import { expandParam, invalid, optionalInteger, optionalString, rejectUnknown, type Params } from './protocol'

type Listed = StripeObject | EventObject
const PAGING = ['limit', 'created', 'starting_after', 'ending_before', 'expand'] as const

export function listSessions(account: TestAccount, params: Params) {
  rejectUnknown(params, [...PAGING, 'status', 'payment_intent'])
  const status = optionalString(params, 'status')
  const intent = optionalString(params, 'payment_intent')
  const sessions = account
    .all('checkout.session')
    .filter((s) => (status === undefined || s.status === status) && (intent === undefined || s.payment_intent === intent))
  return page(account, sessions, params, '/v1/checkout/sessions')
}

export function listRefunds(account: TestAccount, params: Params) {
  rejectUnknown(params, [...PAGING, 'charge', 'payment_intent'])
  const charge = optionalString(params, 'charge')
  const intent = optionalString(params, 'payment_intent')
  const refunds = account
    .all('refund')
    .filter((r) => (charge === undefined || r.charge === charge) && (intent === undefined || r.payment_intent === intent))
  return page(account, refunds, params, '/v1/refunds')
}

export function listEvents(account: TestAccount, params: Params) {
  rejectUnknown(params, [...PAGING, 'type', 'types'])
  const type = optionalString(params, 'type')
  const types = Array.isArray(params.types) ? params.types.filter((t) => typeof t === 'string') : undefined
  // `type` may end in a wildcard, as in `checkout.session.*`.
  const matches = (t: string) =>
    (type === undefined || t === type || (type.endsWith('*') && t.startsWith(type.slice(0, -1)))) &&
    (types === undefined || types.includes(t))
  return page(account, account.events.filter((e) => matches(e.type)), params, '/v1/events')
}

/** One page of `oldestFirst`, in Stripe's list envelope. */
function page(account: TestAccount, oldestFirst: Listed[], params: Params, url: string) {
  const limit = optionalInteger(params, 'limit') ?? 10
  if (limit < 1 || limit > 100) throw invalid(`This value must be between 1 and 100 (it currently is ${limit}).`, 'limit')
  const items = oldestFirst.filter(createdFilter(params)).reverse()
  const after = optionalString(params, 'starting_after')
  const before = optionalString(params, 'ending_before')
  let data: Listed[]
  let hasMore: boolean
  if (before !== undefined) {
    const newer = items.slice(0, cursor(items, before, 'ending_before'))
    data = newer.slice(Math.max(0, newer.length - limit))
    hasMore = newer.length > limit
  } else {
    const older = after === undefined ? items : items.slice(cursor(items, after, 'starting_after') + 1)
    data = older.slice(0, limit)
    hasMore = older.length > limit
  }
  const expand = expandParam(params).map((path) => {
    if (!path.startsWith('data.')) throw invalid(`This property cannot be expanded (${path}).`, 'expand')
    return path.slice('data.'.length)
  })
  return {
    object: 'list',
    data: data.map((o) => (o.object === 'event' ? o : account.render(o, expand))),
    has_more: hasMore,
    url,
  }
}

function cursor(items: Listed[], id: string, param: string): number {
  const index = items.findIndex((o) => o.id === id)
  if (index < 0) throw invalid(`No such object: '${id}'`, param, 'resource_missing')
  return index
}

/** `created=…` or `created[gt|gte|lt|lte]=…`, in unix seconds. */
function createdFilter(params: Params): (o: Listed) => boolean {
  const created = params.created
  if (created === undefined) return () => true
  if (typeof created === 'string') {
    const at = optionalInteger(params, 'created')
    return (o) => o.created === at
  }
  if (Array.isArray(created)) throw invalid('Invalid object', 'created')
  rejectUnknown(created, ['gt', 'gte', 'lt', 'lte'])
  const bound = (name: string) => optionalInteger(created, name, `created[${name}]`)
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')]
  return (o) =>
    (gt === undefined || o.created > gt) &&
    (gte === undefined || o.created >= gte) &&
    (lt === undefined || o.created < lt) &&
    (lte === undefined || o.created <= lte)
}
